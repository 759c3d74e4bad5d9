// The trigger's options as numbers and flags. Set by expression they can be anything ("soon", ""),
// so each number is checked (shared rule of both nodes): a bad value fails activation, naming the
// option and the value, and a delivery that meets one is refused (Extend redelivers it later).
import type { IDataObject, INode } from 'n8n-workflow';

import { toNumberParameter } from '../Extend/shared/numberParameter';

import { parseList, type RunFilters } from './filters';
import { DEFAULT_FUTURE_SKEW_SECONDS, DEFAULT_MAX_AGE_SECONDS } from './verifySignature';

export interface TriggerOptions {
	/** Never 0: that would switch the replay check off. */
	maxAgeSeconds: number;
	followSignedUrls: boolean;
	filters: RunFilters;
}

export function readTriggerOptions(node: INode, options: IDataObject): TriggerOptions {
	return {
		maxAgeSeconds: toNumberParameter(node, options.maxAgeSeconds, {
			label: 'Max Age (Seconds)',
			min: 1,
			fallback: DEFAULT_MAX_AGE_SECONDS,
		}),
		followSignedUrls: options.followSignedUrls !== false,
		filters: {
			classifications: parseList(options.classifications),
			minConfidence: toNumberParameter(node, options.minConfidence, {
				label: 'Minimum Confidence',
				min: 0,
				max: 1,
				fallback: 0,
			}),
		},
	};
}

/** How long a captured delivery keeps a valid signature: ids must be remembered at least this long. */
export function replayWindowSeconds(options: TriggerOptions): number {
	return options.maxAgeSeconds + DEFAULT_FUTURE_SKEW_SECONDS;
}
