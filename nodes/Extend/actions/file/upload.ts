import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readBinaryFile } from '../../shared/binaryFile';
import { uploadFile } from '../../transport/uploadFile';
import { binaryFieldProperty, convertToPdfOption, pdfPasswordOption } from '../../shared/fileFields';
import { executeItems } from '../../shared/executeItems';

const show = { resource: ['file'], operation: ['upload'] };

export const uploadDescription: INodeProperties[] = [
	binaryFieldProperty({ show }),
	{
		displayName: 'Options',
		name: 'uploadOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			convertToPdfOption,
			{ displayName: 'File Name', name: 'fileName', type: 'string', default: '', description: 'Defaults to the binary file name' },
			pdfPasswordOption,
		],
	},
];

export async function upload(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await executeItems.call(this, this.getInputData().length, 1, async (i, signal) => {
		const field = String(this.getNodeParameter('binaryPropertyName', i, 'data')).trim();
		const options = this.getNodeParameter('uploadOptions', i, {}) as IDataObject;
		const file = await readBinaryFile.call(this, i, field, options.fileName ? String(options.fileName) : undefined);
		const json = await uploadFile.call(this, i, file, {
			password: options.password as string | undefined,
			convertToPdf: options.convertToPdf === true,
			signal,
		});
		return [{ json }];
	});
}
