// The executions n8n recorded for a workflow, read from its SQLite database with the sqlite3 and
// flatted modules of that n8n install. Run as a child under that install's Node (sqlite3 is a
// native module built for it):  node readDatabase.js <n8n install dir> <database file> <workflow id> [static-data]
// Prints [{ id, status, mode, finished, runData }] as JSON, or with `static-data` the workflow's
// static data as n8n saved it (workflow_entity.staticData).
'use strict';
const path = require('node:path');

/**
 * @param {string} installDir
 * @param {string} name
 * @returns {any} sqlite3 or flatted, as that install has them (no types here)
 */
function fromInstall(installDir, name) {
	return require(require.resolve(name, { paths: [path.join(installDir, 'node_modules', 'n8n')] }));
}

/**
 * @param {any} db a sqlite3 Database
 * @param {string} workflowId
 */
function printStaticData(db, workflowId) {
	db.get('SELECT staticData FROM workflow_entity WHERE id = ?', [workflowId], (/** @type {Error | null} */ err, /** @type {{ staticData?: unknown } | undefined} */ row) => {
		db.close();
		if (err) {
			console.error(err.message);
			process.exit(1);
		}
		const raw = row?.staticData;
		process.stdout.write(typeof raw === 'string' ? raw : JSON.stringify(raw ?? null));
	});
}

/** @param {string[]} argv installDir, dbFile, workflowId and optionally `static-data` */
function main([installDir, dbFile, workflowId, what]) {
	const sqlite3 = fromInstall(installDir, 'sqlite3');
	const { parse } = fromInstall(installDir, 'flatted');
	const db = new sqlite3.Database(dbFile, sqlite3.OPEN_READONLY);
	if (what === 'static-data') return printStaticData(db, workflowId);
	const sql = `SELECT e.id, e.status, e.mode, e.finished, d.data FROM execution_entity e
		LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id`;
	db.all(sql, [workflowId], (/** @type {Error | null} */ err, /** @type {{ data?: string }[]} */ rows) => {
		db.close();
		if (err) {
			console.error(err.message);
			process.exit(1);
		}
		const executions = rows.map(({ data, ...row }) => ({ ...row, runData: data ? parse(data).resultData?.runData : undefined }));
		process.stdout.write(JSON.stringify(executions));
	});
}

if (require.main === module) main(process.argv.slice(2));
