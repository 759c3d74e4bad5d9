// The rule sets n8n's community-package scanner runs: @n8n/eslint-plugin-community-nodes
// `recommended` (cloud rules included) and eslint-plugin-n8n-nodes-base community / credentials /
// nodes, on package.json, nodes/ and credentials/. Tests and scripts are not shipped or scanned;
// the tooling (scripts/, the real-n8n suites, bench/realN8n.js, these configuration files) gets
// eslint's recommended rules.
import js from '@eslint/js';
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

// The tooling's JavaScript (type-checked by tsconfig.js.json) and the types it declares.
const TOOLING = ['scripts/**/*.{js,mjs,ts}', 'test/e2e/**/*.js', 'test/e2e-queue/**/*.{js,ts}', 'bench/realN8n.js', '*.{js,mjs}'];

export default [
	// Of test/ and bench/ only the tooling is linted here; their TypeScript is checked by npm run typecheck.
	{ ignores: ['dist/**', 'build/**', 'node_modules/**', '.cache/**', 'test/*', '!test/e2e/', '!test/e2e-queue/', 'bench/*', '!bench/realN8n.js'] },
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
	{
		files: TOOLING,
		linterOptions: { reportUnusedDisableDirectives: 'error' },
		rules: {
			...js.configs.recommended.rules,
			// tsc (tsconfig.js.json) knows Node's, the browser's (screenshots.js) and the modules' names.
			'no-undef': 'off',
			'no-unused-vars': ['error', { ignoreRestSiblings: true }], // const { omitted, ...kept } = object
		},
	},
	{ files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' } },
	// Type declarations: tsc checks them; no-unused-vars does not see uses in types.
	{ files: ['scripts/**/*.ts', 'test/e2e-queue/**/*.ts'], languageOptions: { parser: tsParser }, rules: { 'no-unused-vars': 'off' } },
];
