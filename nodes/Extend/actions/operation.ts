import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** What every `<resource>/<operation>.operation.ts` exports: its parameters (shown only for it) and
 * its run, which returns the node's outputs (one, or Classify's Route by Type outputs). */
export interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]>;
}

/** A resource: its Operation parameter and its operations by value. */
export interface Resource {
	description: INodeProperties[];
	operations: Record<string, Operation>;
}
