// What a user meets before running anything: package.json's links, the documentation links n8n shows
// in the editor, the README's list of tested n8n versions and the changelog, kept consistent.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
	version: string;
	homepage: string;
	bugs: { url: string };
	repository: { url: string };
	n8n: { strict?: boolean };
};
const versions = JSON.parse(read('scripts/n8n/versions.json')) as { e2e: string[]; queue: string[] };
const readme = read('README.md');
const REPO = 'https://github.com/extend-n8n/n8n-nodes-extend';

/** GitHub's anchor for a Markdown heading. */
const slug = (heading: string) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.replace(/\s/g, '-');
const anchors = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));

function documentationUrls(): string[] {
	const urls: string[] = [];
	for (const dir of readdirSync(join(ROOT, 'nodes'))) {
		for (const file of readdirSync(join(ROOT, 'nodes', dir)).filter((f) => f.endsWith('.node.json'))) {
			const codex = JSON.parse(read(join('nodes', dir, file))) as { resources: Record<string, Array<{ url: string }>> };
			for (const list of Object.values(codex.resources)) urls.push(...list.map((r) => r.url));
		}
	}
	urls.push(/documentationUrl = '([^']+)'/.exec(read('credentials/ExtendApi.credentials.ts'))![1]);
	return urls;
}

describe('package metadata and documentation links', () => {
	it('repository, homepage and bugs name one GitHub repository', () => {
		expect(pkg.repository.url).toBe(`git+${REPO}.git`);
		expect(pkg.homepage).toBe(`${REPO}#readme`);
		expect(pkg.bugs.url).toBe(`${REPO}/issues`);
		expect(pkg.n8n.strict).toBe(true);
	});

	// n8n appends tracking parameters to these links, which would break a #fragment: whole pages only.
	it.each(documentationUrls())('%s is a page of this repository that exists, without a fragment', (url) => {
		expect(url.startsWith(`${REPO}/blob/main/`)).toBe(true);
		expect(url).not.toContain('#');
		expect(existsSync(join(ROOT, url.slice(`${REPO}/blob/main/`.length)))).toBe(true);
	});

	it("the README's own links to its headings resolve", () => {
		for (const [, anchor] of readme.matchAll(/\]\(#([^)]+)\)/g)) expect(anchors).toContain(anchor);
	});

	it('the README starts with installation, names every tested n8n version, and the changelog has this version', () => {
		const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
		expect(headings[0]).toBe('Installation');
		expect(headings.indexOf('Development')).toBeGreaterThan(headings.indexOf('Compatibility'));
		const compatibility = readme.slice(readme.indexOf('## Compatibility'), readme.indexOf('## Development'));
		for (const version of new Set([...versions.e2e, ...versions.queue])) expect(compatibility).toContain(`**${version}**`);
		expect(read('CHANGELOG.md')).toMatch(new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\]`, 'm'));
	});

	it('CI takes its n8n versions from the same list', () => {
		expect(read('.github/workflows/ci.yml')).toContain('scripts/n8n/versions.json');
	});
});
