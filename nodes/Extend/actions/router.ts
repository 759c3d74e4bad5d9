import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import * as classifyRun from './classifyRun/ClassifyRun.resource';
import * as document from './document/Document.resource';
import * as file from './file/File.resource';
import type { Resource } from './operation';

export const resources: Record<string, Resource> = { document, classifyRun, file };

/** Runs the operation the node is set to; resource and operation take no expressions, so item 0's are everyone's. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const operations = Object.hasOwn(resources, resource) ? resources[resource].operations : {};
	const run = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
	if (!run) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	return await run.execute.call(this);
}
