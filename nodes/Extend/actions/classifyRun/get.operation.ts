import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { classifyRunToJson } from '../../runs/mapper';
import { simplifyProperty } from '../../runs/simplify';
import { executeItems } from '../../shared/executeItems';
import { extendPaths } from '../../transport/paths';
import { extendApiRequest } from '../../transport/request';
import { runIdOf, runLocatorProperty } from './runLocator';

export const description = updateDisplayOptions({ show: { resource: ['classifyRun'], operation: ['get'] } }, [runLocatorProperty, simplifyProperty]);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return [
		await executeItems.call(this, this.getInputData().length, 1, async (i, signal) => {
			const run = await extendApiRequest.call(this, 'GET', extendPaths.classifyRun(runIdOf(this, i)), { itemIndex: i, signal });
			return [{ json: classifyRunToJson(run, this.getNodeParameter('simplify', i, false) === true) }];
		}),
	];
}
