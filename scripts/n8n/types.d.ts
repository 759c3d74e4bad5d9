// The shapes the tooling passes around, for the JSDoc types of its JavaScript (tsconfig.js.json).
// Workflow files and runs are JSON written or printed by n8n: their fields stay loose (Json) where
// the tooling reads them with optional chaining anyway.
import type { ChildProcess } from 'node:child_process';

export type Json = Record<string, any>;

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	parameters: Json;
	webhookId?: string;
	[key: string]: unknown;
}

interface Connection {
	node: string;
	type: string;
	index: number;
}

/** A workflow file (examples/, test/e2e/workflows/): what `n8n import:workflow` reads. */
export interface Workflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main?: (Connection[] | null)[] }>;
	[key: string]: unknown;
}

/** An item as n8n prints it in a run. */
export interface Item {
	json: Json;
	binary?: Json;
	pairedItem?: any;
}

/** The run (IRun) `n8n execute --rawOutput` prints. */
export interface Run {
	status: string;
	data?: any;
}

/** An execution n8n recorded, read from its database. */
export interface Execution {
	id: string;
	status: string;
	mode: string;
	finished: boolean;
	runData?: Record<string, any[]>;
	[key: string]: unknown;
}

export interface Exit {
	code: number | null;
	signal: NodeJS.Signals | null;
}

/** A long-running child process (processes.js startProcess). */
export interface Started {
	pid: number;
	child: ChildProcess;
	exited: Promise<Exit>;
	stop: () => Promise<void>;
}

/** What runToEnd resolves: the exit and the collected output. */
export interface Finished extends Exit {
	stdout: string;
	stderr: string;
}

/** A stock n8n installed under .cache/n8n/<version>/ (install.js ensureN8n). */
export interface Install {
	version: string;
	dir: string;
	nodeBin: string;
	n8nJs: string;
	installSeconds: number;
}

/** An entry for `n8n import:credentials`. */
export interface Credential {
	id: string;
	name: string;
	type: string;
	data: Json;
}

/** The Extend the tools talk to (backend.js startBackend). */
export interface Backend {
	label: string;
	credential: Credential;
	emulator?: { baseUrl: string; apiKey: string; pid: number; stop: () => Promise<void> };
	baseUrl?: string;
	stop: () => Promise<void>;
}
