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
export function reasoningOf(output: IDataObject): string | null {
	const insights = Array.isArray(output.insights) ? (output.insights as IDataObject[]) : [];
	const texts = insights.filter((i) => i?.type === 'reasoning' && typeof i.content === 'string');
	return texts.length ? texts.map((i) => i.content as string).join('\n') : null;
}

export function simplifyRun(run: IDataObject): IDataObject {
	const output = obj(run.output);
	const file = obj(run.file);
	const usage = obj(run.usage);
	const classifier = obj(run.classifier);
	return {
		runId: run.id ?? null,
		status: run.status ?? null,
		classificationId: output.id ?? null,
		classificationType: output.type ?? null,
		confidence: output.confidence ?? null,
		reasoning: reasoningOf(output),
		failureReason: run.failureReason ?? null,
		failureMessage: run.failureMessage ?? null,
		classifierId: classifier.id ?? null,
		fileId: file.id ?? null,
		fileName: file.name ?? null,
		credits: usage.credits ?? null,
		dashboardUrl: run.dashboardUrl ?? null,
		metadata: run.metadata ?? null,
	};
}
