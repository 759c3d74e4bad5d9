import type { INodeProperties } from 'n8n-workflow';

/** The toggle that picks the mapper's flat view; the same beside the main parameters of every run
 * operation and the trigger. */
export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to return a flat view of at most 10 fields (classification type, confidence, reasoning, IDs) instead of every field of the run',
};
