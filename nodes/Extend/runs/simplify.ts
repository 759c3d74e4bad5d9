import type { INodeProperties } from 'n8n-workflow';

/** The option that picks the mapper's flat view; the same on every operation and the trigger. */
export const simplifyOption: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description: 'Whether to return a flat view (run ID, status, classification, confidence, reasoning, ...) instead of the full run',
};
