import {
	NodeOperationError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { routeOptionValue } from '../actions/document/classify/routeByType';
import { extendPaths } from '../transport/paths';
import { extendApiRequest } from '../transport/request';

/** The classifications of the chosen saved classifier version, to name Route by Type's outputs. */
export async function getClassifications(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const id = String(this.getNodeParameter('classifierId', '', { extractValue: true }) ?? '').trim();
	if (!id) return [];
	const choice = this.getNodeParameter('classifierVersion', 'latest') as string;
	const version = choice === 'specific' ? String(this.getNodeParameter('classifierVersionNumber', '')).trim() : choice;
	let classifications: IDataObject[] = [];
	try {
		const found = await extendApiRequest.call(
			this,
			'GET',
			extendPaths.classifierVersion(id, version || 'latest'),
		);
		classifications = ((found.config as IDataObject)?.classifications as IDataObject[]) ?? [];
	} catch (error) {
		// The editor shows only the message where the list fails to load, so the hint goes in it.
		const hint = 'Check the credential, the classifier and its version, or use Inline Classifications.';
		throw new NodeOperationError(
			this.getNode(),
			`Could not load the classifications of classifier ${id} (version ${version || 'latest'}): ${(error as Error).message}. ${hint}`,
		);
	}
	return classifications.map((c) => ({
		name: c.id === c.type || c.id === undefined ? String(c.type) : `${String(c.type)} (${String(c.id)})`,
		value: routeOptionValue(c),
		description: typeof c.description === 'string' ? c.description : undefined,
	}));
}
