import type { INodeProperties } from 'n8n-workflow';

/** The saved-classifier picker (searchable list, or an ID), shared by Document → Classify, Get Many's
 * filter and the Extend Trigger. */
export const savedClassifierLocator: INodeProperties = {
	displayName: 'Saved Classifier',
	name: 'classifierId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a classifier...',
			typeOptions: { searchListMethod: 'searchClassifiers', searchable: true },
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'cl_Xj8mK2pL9nR4vT7qY5wZ',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^cl_[A-Za-z0-9_-]+$', errorMessage: 'Classifier IDs start with cl_' },
				},
			],
		},
	],
};
