// The rule sets n8n's community-package scanner runs: @n8n/eslint-plugin-community-nodes
// `recommended` (cloud rules included) and eslint-plugin-n8n-nodes-base community / credentials /
// nodes, on package.json, nodes/ and credentials/. Tests and scripts are not shipped or scanned.
import tsParser from '@typescript-eslint/parser';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const base = { 'n8n-nodes-base': n8nNodesBase };
// The same few n8n-nodes-base rules n8n's own lint and scanner switch off.
const scannerOff = {
	'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
	'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
	'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
	'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
	'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
};

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', 'bench/**', '.cache/**'] },
	{
		files: ['package.json', 'nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: {
			parser: tsParser,
			parserOptions: { ecmaVersion: 'latest', sourceType: 'module', extraFileExtensions: ['.json'] },
		},
		linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'error' },
		...communityNodes.configs.recommended,
		rules: { ...communityNodes.configs.recommended.rules, 'no-console': 'error' },
	},
	{ files: ['package.json'], plugins: base, rules: { ...n8nNodesBase.configs.community.rules } },
	{ files: ['credentials/**/*.ts'], plugins: base, rules: { ...n8nNodesBase.configs.credentials.rules, ...scannerOff } },
	{ files: ['nodes/**/*.ts'], plugins: base, rules: { ...n8nNodesBase.configs.nodes.rules, ...scannerOff } },
];
