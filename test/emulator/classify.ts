// Deterministic keyword classification: the document's words are matched against each
// classification's id, type (weighted 3x) and description words. Words shared by many
// classifications count less (an idf weight). The best non-"other" classification wins when its
// score reaches a threshold; otherwise the run falls to the first classification of type "other".
import type { Classification, ClassifyOutput } from './types';

const STOP_WORDS = new Set(
	`a about above after again all also am an and any are as at be because been before being below between both but by can
	could did do does doing down during each few for from further had has have having he her here hers him his how i if in
	into is it its itself just me more most my no nor not of off on once only or our ours out over own same she should so
	some such than that the their theirs them then there these they this those through to too under until up very was we
	were what when where which while who whom why will with would you your yours per via etc e g eg ie other another kind
	type types such like include includes including contain contains containing usually typically often document documents`.split(/\s+/),
);

const TYPE_WEIGHT = 3;
/** A classification needs at least this score (about one type word, or two distinctive description words). */
export const MATCH_THRESHOLD = 2.5;

/** The document's words as stems (for matching) with the first spelling seen (for the insight). */
export function words(text: string): Array<{ stem: string; word: string }> {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w.length > 1 && !/^\d+$/.test(w) && !STOP_WORDS.has(w))
		.map((word) => ({ stem: stem(word), word }));
}

/** Folds plurals, "-ing", "-ed" and a final "e" so "invoices", "invoiced" and "invoice" meet. */
export function stem(word: string): string {
	let w = word;
	if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
	else if (w.length > 4 && /(ch|sh|ss|x|z)es$/.test(w)) w = w.slice(0, -2);
	else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
	if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
	else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
	if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
	return w;
}

interface Scored {
	classification: Classification;
	score: number;
	matches: Array<{ word: string; count: number }>;
}

export function classify(text: string, classifications: Classification[]): ClassifyOutput {
	const counts = new Map<string, number>();
	const spelling = new Map<string, string>();
	for (const { stem: s, word } of words(text)) {
		counts.set(s, (counts.get(s) ?? 0) + 1);
		if (!spelling.has(s)) spelling.set(s, word);
	}

	const candidates = classifications.filter((c) => c.type !== 'other');
	const termSets = candidates.map(terms);
	const docFrequency = new Map<string, number>();
	for (const set of termSets) for (const word of set.keys()) docFrequency.set(word, (docFrequency.get(word) ?? 0) + 1);

	const scored: Scored[] = candidates.map((classification, i) => {
		let score = 0;
		const matches: Scored['matches'] = [];
		for (const [word, weight] of termSets[i]) {
			const count = counts.get(word);
			if (!count) continue;
			const idf = Math.log(1 + candidates.length / (docFrequency.get(word) ?? 1));
			score += weight * idf * (1 + Math.log(count));
			matches.push({ word: spelling.get(word) ?? word, count });
		}
		return { classification, score, matches };
	});
	// Stable: ties keep the configuration's order.
	const ranked = [...scored].sort((a, b) => b.score - a.score);
	const [best, runnerUp] = ranked;
	const fallback = classifications.find((c) => c.type === 'other') ?? classifications[0];

	if (!best || best.score < MATCH_THRESHOLD) {
		const strength = best ? best.score / MATCH_THRESHOLD : 0;
		const content = best && best.score > 0
			? `No classification matched strongly: the closest was "${best.classification.type}" (score ${best.score.toFixed(2)}, below ${MATCH_THRESHOLD}) on ${describe(best.matches)}, so the document is classified as "${fallback.type}".`
			: `None of the words of the classifications' types or descriptions appear in the document, so it is classified as "${fallback.type}".`;
		return output(fallback, 0.95 - 0.35 * strength, content);
	}
	const margin = runnerUp && runnerUp.score > 0 ? (best.score - runnerUp.score) / best.score : 1;
	const strength = 1 - Math.exp(-best.score / 6);
	const confidence = 0.4 + 0.58 * strength * (0.5 + 0.5 * margin);
	const versus = runnerUp && runnerUp.score > 0 ? ` The runner-up was "${runnerUp.classification.type}" (score ${runnerUp.score.toFixed(2)}).` : '';
	return output(
		best.classification,
		confidence,
		`The document matches "${best.classification.type}" (score ${best.score.toFixed(2)}) on ${describe(best.matches)}.${versus}`,
	);
}

function output(c: Classification, confidence: number, content: string): ClassifyOutput {
	const rounded = Math.round(Math.min(1, Math.max(0, confidence)) * 1000) / 1000;
	return { id: c.id, type: c.type, confidence: rounded, insights: [{ type: 'reasoning', content }] };
}

function describe(matches: Scored['matches']): string {
	const top = [...matches].sort((a, b) => b.count - a.count).slice(0, 8);
	return `the words ${top.map((m) => `"${m.word}" (x${m.count})`).join(', ')}`;
}

/** A classification's words with their weight: id and type words weigh more than description words. */
function terms(c: Classification): Map<string, number> {
	const weights = new Map<string, number>();
	for (const { stem: s } of words(c.description)) weights.set(s, 1);
	for (const { stem: s } of words(`${c.id} ${c.type}`.replace(/[_-]+/g, ' '))) weights.set(s, TYPE_WEIGHT);
	return weights;
}
