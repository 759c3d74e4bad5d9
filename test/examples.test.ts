// The example workflows as a user opens them: no node covers another node or its name, no sticky
// note covers a node, and every connection and node reference names a node that exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Node {
	name: string;
	type: string;
	position: [number, number];
	parameters: { width?: number; height?: number };
}
interface Workflow {
	nodes: Node[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

const DIR = join(__dirname, '..', 'examples');
const examples = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const load = (file: string) => JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Workflow;

interface Box {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

/** What a node takes on the canvas: its 100 × 100 body and, below it, its name (~7 px a character). */
function footprint(node: Node): Box {
	const [x, y] = node.position;
	const label = Math.max(100, node.name.length * 7);
	return { left: x + 50 - label / 2, right: x + 50 + label / 2, top: y, bottom: y + 140 };
}

function sticky(node: Node): Box {
	const [x, y] = node.position;
	return { left: x, top: y, right: x + (node.parameters.width ?? 240), bottom: y + (node.parameters.height ?? 160) };
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const isSticky = (node: Node) => node.type === 'n8n-nodes-base.stickyNote';

describe.each(examples)('example %s', (file) => {
	const workflow = load(file);
	const nodes = workflow.nodes.filter((n) => !isSticky(n));

	it('has no two nodes (with their names) on top of each other', () => {
		const clashes: string[] = [];
		for (let i = 0; i < nodes.length; i++) {
			for (let j = i + 1; j < nodes.length; j++) {
				if (overlaps(footprint(nodes[i]), footprint(nodes[j]))) clashes.push(`${nodes[i].name} / ${nodes[j].name}`);
			}
		}
		expect(clashes).toEqual([]);
	});

	it('has no sticky note over a node', () => {
		const covered = workflow.nodes
			.filter(isSticky)
			.flatMap((note) => nodes.filter((n) => overlaps(sticky(note), footprint(n))).map((n) => `${note.name} covers ${n.name}`));
		expect(covered).toEqual([]);
	});

	it('connects and references only nodes that exist, and names no Switch like the Route by Type toggle', () => {
		const names = new Set(workflow.nodes.map((n) => n.name));
		for (const [from, { main }] of Object.entries(workflow.connections)) {
			expect(names).toContain(from);
			for (const target of main.flat()) expect(names).toContain(target.node);
		}
		for (const [, ref] of JSON.stringify(workflow).matchAll(/\$\('([^']+)'\)/g)) expect(names).toContain(ref);
		expect(nodes.filter((n) => n.type === 'n8n-nodes-base.switch').map((n) => n.name)).not.toContain('Route by Type');
	});
});
