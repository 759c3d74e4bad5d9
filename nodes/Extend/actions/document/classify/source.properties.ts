import type { INodeProperties } from 'n8n-workflow';

import { binaryFieldProperty, convertToPdfOption, pdfPasswordOption } from '../../../shared/fileFields';

/** Where the document comes from: a binary field, a URL, an Extend file or text. */
export const sourceProperties: INodeProperties[] = [
	{
		displayName: 'Document Source',
		name: 'documentSource',
		type: 'options',
		default: 'binary',
		options: [
			{ name: 'Binary File', value: 'binary', description: 'A file from an earlier node (uploaded to Extend first)' },
			{ name: 'URL', value: 'url', description: 'A URL Extend downloads the file from' },
			{ name: 'Extend File ID', value: 'fileId', description: 'A file already uploaded to Extend' },
			{ name: 'Text', value: 'text', description: 'Plain text, classified as a .txt file' },
		],
	},
	{ ...binaryFieldProperty, displayOptions: { show: { documentSource: ['binary'] } } },
	{
		displayName: 'File URL',
		name: 'url',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/invoice.pdf',
		description: 'Public or presigned URL of the file (Extend recommends presigned URLs valid 5–15 minutes)',
		displayOptions: { show: { documentSource: ['url'] } },
	},
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		default: '',
		placeholder: 'file_xK9mLPqRtN3vS8wF5hB2cQ',
		displayOptions: { show: { documentSource: ['fileId'] } },
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		displayOptions: { show: { documentSource: ['text'] } },
	},
	{
		displayName: 'Document Options',
		name: 'documentOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { documentSource: ['binary', 'url', 'text'] } },
		options: [
			{ ...convertToPdfOption, displayOptions: { show: { '/documentSource': ['binary'] } } },
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: 'Name Extend shows for the file. Defaults to the binary file name, the URL\'s last segment, or a generated name for text.',
			},
			{ ...pdfPasswordOption, displayOptions: { show: { '/documentSource': ['binary', 'url'] } } },
		],
	},
];
