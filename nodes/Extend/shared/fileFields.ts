import type { INodeProperties } from 'n8n-workflow';

/** The parameters every operation that takes a file from an input binary field shares. */
export const binaryFieldProperty: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input binary field holding the file',
};

export const convertToPdfOption: INodeProperties = {
	displayName: 'Convert to PDF',
	name: 'convertToPdf',
	type: 'boolean',
	default: false,
	description: 'Whether Extend converts the upload to PDF first (images, Office files, HTML)',
};

export const pdfPasswordOption: INodeProperties = {
	displayName: 'PDF Password',
	name: 'password',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description: 'Password of a password-protected PDF',
};
