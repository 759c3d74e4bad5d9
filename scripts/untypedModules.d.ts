// Types for the parts of untyped dev dependencies that the tooling and the root configuration files
// use (tsconfig.js.json), written from their source.

declare module '@n8n/scan-community-package/scanner/scanner.mjs' {
	/** Lints the files under packageDir that match filePatterns with the scanner's rule sets. */
	export function analyzePackage(packageDir: string, filePatterns?: string[]): Promise<{ passed: boolean; message?: string; details?: string }>;
	export const SOURCE_FILE_PATTERNS: string[];
}

declare module 'eslint-plugin-n8n-nodes-base' {
	const plugin: { configs: Record<'community' | 'credentials' | 'nodes', { rules: import('eslint').Linter.RulesRecord }> } & import('eslint').ESLint.Plugin;
	export default plugin;
}

declare module 'gulp' {
	type Stream = NodeJS.ReadWriteStream;
	export function src(globs: string[], options?: { base?: string; encoding?: boolean }): Stream;
	export function dest(folder: string): Stream;
	export function task(name: string, fn: () => Stream): void;
}
