// The shapes the queue-mode suite passes around, for the JSDoc types of its JavaScript.
import type { Started } from '../../scripts/n8n/types';
import type { N8n } from '../../scripts/n8n/n8n';
import type { Emulator } from '../emulator';
import type { Checks } from '../e2e/checks';

export type { Checks, Emulator, N8n };
export type { Execution, Json, Workflow, WorkflowNode } from '../../scripts/n8n/types';
import type { Workflow } from '../../scripts/n8n/types';

/** A private PostgreSQL with a database and user for n8n (postgresAndRedis.js startPostgres). */
export interface Postgres {
	port: number;
	bin: string;
	server: Started;
	database: string;
	user: string;
	password: string;
	stop: () => Promise<void>;
}

export interface Redis {
	port: number;
	server: Started;
	stop: () => Promise<void>;
}

/** One n8n process of the cluster: main, the webhook processor or a worker (cluster.js startRole). */
export interface Role extends Started {
	name: string;
	port: number;
	logFile: string;
	url: string;
	/** The process's log so far. */
	log: () => string;
	startSeconds: number;
}

export interface Cluster {
	main: Role;
	webhook: Role;
	workers: Role[];
}

/** The owner's signed-in session on main (clients.js ownerSession). */
export interface Session {
	mainUrl: string;
	cookie: string;
}

export interface Forwarded {
	eventId: string | undefined;
	attempt: number;
	status: number;
	body: string;
}

export interface LossyProxy {
	url: string;
	forwarded: Forwarded[];
	stop: () => Promise<void>;
}

/** What every check of the suite is given (run.js). */
export interface Context {
	n8n: N8n;
	pg: Postgres;
	cluster: Cluster;
	emulator: Emulator;
	apiKey: string;
	proxy: LossyProxy;
	session: Session;
	timings: Record<string, number>;
	findings: Record<string, string>;
	workflow: Workflow;
}
