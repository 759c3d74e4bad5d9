import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { readBinaryFile } from '../../shared/binaryFile';
import { executeItems } from '../../shared/executeItems';
import { binaryFieldProperty, convertToPdfOption, pdfPasswordOption } from '../../shared/fileFields';
import { uploadFile } from '../../transport/uploadFile';

const properties: INodeProperties[] = [
	binaryFieldProperty,
	{
		displayName: 'Options',
		name: 'uploadOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			convertToPdfOption,
			{ displayName: 'File Name', name: 'fileName', type: 'string', default: '', description: 'Defaults to the binary file name' },
			pdfPasswordOption,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['upload'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return [
		await executeItems.call(this, this.getInputData().length, 1, async (i, signal) => {
			const field = String(this.getNodeParameter('binaryPropertyName', i, 'data')).trim();
			const options = this.getNodeParameter('uploadOptions', i, {}) as IDataObject;
			const file = await readBinaryFile.call(this, i, field, options.fileName ? String(options.fileName) : undefined);
			const json = await uploadFile.call(this, i, file, {
				password: options.password as string | undefined,
				convertToPdf: options.convertToPdf === true,
				signal,
			});
			return [{ json }];
		}),
	];
}
