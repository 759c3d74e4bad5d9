// What n8n recorded, read straight from its PostgreSQL database: executions with their run data
// (stored "flatted", parsed with that n8n install's own flatted) and a workflow's static data.
'use strict';
/** @typedef {import('./types').N8n} N8n */
/** @typedef {import('./types').Postgres} Postgres */
/** @typedef {import('./types').Execution} Execution */
const path = require('node:path');
const { psqlJson } = require('./postgresAndRedis');

/**
 * @param {N8n} n8n
 * @returns {{ parse: (text: string) => any }}
 */
function flattedOf(n8n) {
	return require(require.resolve('flatted', { paths: [path.join(n8n.install.dir, 'node_modules', 'n8n')] }));
}

/**
 * [{ id, status, mode, finished, startedAt, stoppedAt, runData, error }] of a workflow, oldest first.
 * @param {N8n} n8n
 * @param {Postgres} pg
 * @param {string} workflowId
 * @returns {Promise<Execution[]>}
 */
async function executionsOf(n8n, pg, workflowId) {
	const sql = `SELECT coalesce(json_agg(json_build_object('id', e.id, 'status', e.status, 'mode', e.mode,
		'finished', e.finished, 'startedAt', e."startedAt", 'stoppedAt', e."stoppedAt", 'data', d.data) ORDER BY e.id), '[]')
		FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id WHERE e."workflowId" = '${workflowId}'`;
	const { parse } = flattedOf(n8n);
	return (await psqlJson(pg, sql)).map((/** @type {{ id: number, data?: string } & Record<string, any>} */ { data, ...row }) => {
		const result = data ? parse(data).resultData : undefined;
		return { ...row, id: String(row.id), runData: result?.runData, error: result?.error?.message };
	});
}

/**
 * @param {Postgres} pg
 * @param {string} workflowId
 * @returns {Promise<import('./types').Json | null>}
 */
async function staticDataOf(pg, workflowId) {
	return psqlJson(pg, `SELECT "staticData" FROM workflow_entity WHERE id = '${workflowId}'`);
}

/**
 * Polls until every execution of the workflow is done and there are at least `count`.
 * @param {N8n} n8n
 * @param {Postgres} pg
 * @param {string} workflowId
 * @param {number} count
 */
async function waitForExecutions(n8n, pg, workflowId, count, timeoutMs = 90000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const all = await executionsOf(n8n, pg, workflowId);
		const done = all.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
		if ((done.length >= count && done.length === all.length) || Date.now() > deadline) return all;
		await new Promise((r) => setTimeout(r, 1000));
	}
}

/**
 * First output item of a node in an execution.
 * @param {Execution} execution
 * @param {string} nodeName
 * @returns {import('./types').Json | undefined}
 */
function firstItem(execution, nodeName) {
	return execution.runData?.[nodeName]?.[0]?.data?.main?.[0]?.[0]?.json;
}

/**
 * executionId -> worker name, from the workers' "Worker started execution <id>" log lines.
 * @param {import('./types').Role[]} workers
 */
function executionWorkers(workers) {
	/** @type {Record<string, string>} */
	const byExecution = {};
	for (const worker of workers) for (const [, id] of worker.log().matchAll(/Worker started execution (\d+)/g)) byExecution[id] = worker.name;
	return byExecution;
}

module.exports = { executionsOf, staticDataOf, waitForExecutions, firstItem, executionWorkers };
