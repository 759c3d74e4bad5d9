import type { IDataObject } from 'n8n-workflow';

/**
 * The one classify_run → item json mapper, shared by the Extend node and the Extend Trigger.
 * Full: every field exactly as Extend names it, unknown future fields kept. Simplified: a flat view.
 */
export function classifyRunToJson(run: IDataObject, simplify = false): IDataObject {
	return simplify ? simplifyRun(run) : { ...run };
}

function obj(value: unknown): IDataObject {
	return value && typeof value === 'object' ? (value as IDataObject) : {};
}

/** The reasoning text of an output: its insights of type "reasoning", joined. */
function reasoningOf(output: IDataObject): string | null {
	const insights = Array.isArray(output.insights) ? (output.insights as IDataObject[]) : [];
	const texts = insights.filter((i) => i?.type === 'reasoning' && typeof i.content === 'string');
	return texts.length ? texts.map((i) => i.content as string).join('\n') : null;
}

/**
 * The flat view: at most 10 fields, the ones routing and reporting use first. A processed run gives
 * its classification; a run that did not end in one gives its status and failure instead (no nulls
 * standing in for fields that cannot apply). Credits, metadata and the n8n correlation block stay in
 * the full run.
 */
export function simplifyRun(run: IDataObject): IDataObject {
	const output = obj(run.output);
	const where = {
		runId: run.id ?? null,
		fileName: obj(run.file).name ?? null,
		fileId: obj(run.file).id ?? null,
		classifierId: obj(run.classifier).id ?? null,
		dashboardUrl: run.dashboardUrl ?? null,
	};
	if (run.status === 'PROCESSED' || (output.type !== undefined && output.type !== null)) {
		return {
			classificationType: output.type ?? null,
			confidence: output.confidence ?? null,
			reasoning: reasoningOf(output),
			classificationId: output.id ?? null,
			status: run.status ?? null,
			...where,
		};
	}
	return {
		status: run.status ?? null,
		failureReason: run.failureReason ?? null,
		failureMessage: run.failureMessage ?? null,
		...where,
	};
}
