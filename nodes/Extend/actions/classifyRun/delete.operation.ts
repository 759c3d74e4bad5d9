import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { executeItems } from '../../shared/executeItems';
import { extendPaths } from '../../transport/paths';
import { extendApiRequest } from '../../transport/request';
import { runIdOf, runLocatorProperty } from './runLocator';

export const description = updateDisplayOptions({ show: { resource: ['classifyRun'], operation: ['delete'] } }, [runLocatorProperty]);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return [
		await executeItems.call(this, this.getInputData().length, 1, async (i, signal) => {
			const result = await extendApiRequest.call(this, 'DELETE', extendPaths.classifyRun(runIdOf(this, i)), { itemIndex: i, signal });
			return [{ json: { id: result.id, deleted: true } }];
		}),
	];
}
