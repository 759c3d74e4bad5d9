// Numbers as users set them: a fixed value arrives as a number, an expression as whatever it
// returns ("soon", "", null, "12"). n8n does not check either, so every numeric parameter is read
// here and a value that is not a number in range fails its item, naming the parameter and the value.
import { NodeOperationError, type INode } from 'n8n-workflow';

export interface NumberRule {
	/** The label users see, e.g. "Max Wait (Seconds)". */
	label: string;
	min?: number;
	max?: number;
	integer?: boolean;
	/** Used when the value is absent (the option was not added). */
	fallback: number;
}

function describe(value: unknown): string {
	if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

function range(rule: NumberRule): string {
	const kind = rule.integer ? 'a whole number' : 'a number';
	if (rule.min !== undefined && rule.max !== undefined) return `${kind} from ${rule.min} to ${rule.max}`;
	if (rule.min !== undefined) return `${kind} of at least ${rule.min}`;
	if (rule.max !== undefined) return `${kind} of at most ${rule.max}`;
	return kind;
}

/** The value as a number within the rule, or a NodeOperationError for the item. */
export function toNumberParameter(node: INode, value: unknown, rule: NumberRule, itemIndex?: number): number {
	if (value === undefined) return rule.fallback;
	let number = Number.NaN;
	if (typeof value === 'number') number = value;
	else if (typeof value === 'string' && value.trim() !== '') number = Number(value.trim());
	const fits =
		Number.isFinite(number) &&
		(rule.min === undefined || number >= rule.min) &&
		(rule.max === undefined || number <= rule.max) &&
		(!rule.integer || Number.isInteger(number));
	if (fits) return number;
	throw new NodeOperationError(node, `"${rule.label}" must be ${range(rule)}, but it is ${describe(value)}`, {
		itemIndex,
		description: `Set "${rule.label}" to ${range(rule)}, or make its expression return one.`,
	});
}
