// Route by Type: one output per classification plus a Fallback output, like n8n's Text Classifier.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeParameters } from 'n8n-workflow';

import { buildInlineConfig } from './classifyBody';

export interface Route {
	id: string;
	type: string;
}

/**
 * The node's outputs for its parameters. n8n evaluates this in the editor from its source text
 * (`outputs: '={{(...)($parameter)}}'`), so it must stay self-contained (no imports, no helpers) and
 * use only syntax n8n's expression parser takes.
 * It mirrors routesOf() below, which decides at run time.
 */
export const configuredOutputs = (p: INodeParameters) => {
	const main = 'main';
	const routing =
		p.routeByType === true &&
		(p.resource ?? 'document') === 'document' &&
		(p.operation ?? 'classify') === 'classify' &&
		p.mode !== 'submitOnly';
	if (!routing) return [{ type: main }];
	let routes: Array<{ id: string; type: string }> = [];
	if (p.classifierSource === 'inline') {
		const values = ((p.classifications as { values?: Array<Record<string, unknown>> })?.values ?? []).map((c) => ({
			id: String(c.id ?? ''),
			type: String(c.type ?? ''),
		}));
		routes = values;
		if (!values.some((c) => c.type.trim().toLowerCase() === 'other') && p.addOtherClassification !== false) {
			routes = [...values, { id: 'other', type: 'other' }];
		}
	} else {
		routes = ((p.routeClassifications as string[]) ?? []).map((value) => {
			try {
				return JSON.parse(value) as { id: string; type: string };
			} catch (error) {
				// n8n's expression parser rejects `catch {}` without a binding.
				return { id: String(value), type: String(value), error };
			}
		});
	}
	return [...routes.map((r) => ({ type: main, displayName: r.type || r.id })), { type: main, displayName: 'Fallback' }];
};

/** The value a saved classifier's classification has in "Route Outputs" (its id and type). */
export function routeOptionValue(classification: IDataObject): string {
	return JSON.stringify({ id: String(classification.id), type: String(classification.type) });
}

/** The routes of this execution, in output order (the Fallback output comes after them). */
export function routesOf(ctx: IExecuteFunctions): Route[] {
	const source = ctx.getNodeParameter('classifierSource', 0) as string;
	if (source === 'inline') {
		const config = buildInlineConfig(ctx, 0);
		return (config.classifications as IDataObject[]).map((c) => ({ id: String(c.id), type: String(c.type) }));
	}
	const values = ctx.getNodeParameter('routeClassifications', 0, []) as string[];
	if (!values.length) {
		throw new NodeOperationError(ctx.getNode(), 'Route by Type needs the classifications to route', {
			description:
				'Choose them in "Route Outputs". If the list does not load, check the credential, the classifier and its version, or use Inline Classifications.',
		});
	}
	return values.map((value) => {
		try {
			return JSON.parse(value) as Route;
		} catch {
			return { id: value, type: value };
		}
	});
}

/** Output index of a finished run: its classification's output, or Fallback (unknown id, low confidence). */
export function outputIndexOf(routes: Route[], run: IDataObject, minConfidence: number): number {
	const output = (run.output ?? {}) as IDataObject;
	const index = routes.findIndex((r) => r.id === output.id);
	const confidence = typeof output.confidence === 'number' ? output.confidence : 0;
	return index < 0 || confidence < minConfidence ? routes.length : index;
}
