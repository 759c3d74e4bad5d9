// Saved classifiers and their versions (seeded, read-only): GET /classifiers, /classifiers/{id},
// /classifiers/{id}/versions and /classifiers/{id}/versions/{version}.
import { invalid, notFound } from './errors';
import { paginate, sortKey } from './pagination';
import type { Route } from './router';
import type { Classification, Classifier, ClassifierSummary, ClassifierVersion, ClassifierVersionSummary, ClassifyConfig } from './types';
import { queryEnum } from './validation';

interface ClassifierRecord {
	seq: number;
	id: string;
	name: string;
	createdAt: string;
	updatedAt: string;
	draft: ClassifierVersion;
	/** Published versions, oldest first. */
	published: ClassifierVersion[];
}

/** Also the tests' inline classifications (test/support/classifications.ts). */
export const DOCUMENT_TYPES: Classification[] = [
	{ id: 'invoice', type: 'invoice', description: 'A bill sent by a seller asking for payment for goods or services, with an invoice number, due date, line items and the amount due.' },
	{ id: 'receipt', type: 'receipt', description: 'Proof that a purchase was paid, issued by a store or merchant, listing the items bought, the total paid and the payment method.' },
	{ id: 'contract', type: 'contract', description: 'A legal agreement between parties setting out terms, obligations, signatures and an effective date.' },
	{ id: 'resume', type: 'resume', description: "A resume or CV summarising a candidate's work experience, education and skills." },
	{ id: 'other', type: 'other', description: 'Any document that is none of the above.' },
];

// 1.1 differs slightly from 1.0: a bank statement class and a sharper invoice description.
const DOCUMENT_TYPES_1_1: Classification[] = [
	{ ...DOCUMENT_TYPES[0], description: 'A bill asking for payment for goods or services, with an invoice number, tax, due date, line items and the amount due.' },
	...DOCUMENT_TYPES.slice(1, 4),
	{ id: 'bank_statement', type: 'bank_statement', description: 'A bank account statement listing deposits, withdrawals and the balance over a period.' },
	DOCUMENT_TYPES[4],
];

const MAIL_TRIAGE: Classification[] = [
	{ id: 'complaint', type: 'complaint', description: 'A customer complaint about a faulty product, poor service or a bad experience.' },
	{ id: 'order_status', type: 'order_status', description: 'A question about where an order or delivery is, tracking or shipping status.' },
	{ id: 'refund_request', type: 'refund_request', description: 'A request to return an item and get a refund or money back.' },
	{ id: 'other', type: 'other', description: 'Any other message.' },
];

const CREATED_BY = { type: 'user' as const, email: 'admin@example.com' };

function version(classifierId: string, v: string, createdAt: string, config: ClassifyConfig, description: string | null): ClassifierVersion {
	const id = `clv_${classifierId.slice(3)}_${v.replace('.', '_')}`;
	return { object: 'classifier_version', id, description, version: v, config, classifierId, createdAt, createdBy: CREATED_BY };
}

function seedClassifiers(): ClassifierRecord[] {
	const base = { baseProcessor: 'classification_performance' as const };
	return [
		{
			seq: 1,
			id: 'cl_document_types',
			name: 'Document Types',
			createdAt: '2026-01-05T09:00:00.000Z',
			updatedAt: '2026-01-20T15:30:00.000Z',
			published: [
				version('cl_document_types', '1.0', '2026-01-05T09:10:00.000Z', { ...base, classifications: DOCUMENT_TYPES }, 'First release'),
				version('cl_document_types', '1.1', '2026-01-20T15:30:00.000Z', { ...base, classifications: DOCUMENT_TYPES_1_1 }, 'Added bank statements'),
			],
			draft: version(
				'cl_document_types',
				'draft',
				'2026-01-20T15:30:00.000Z',
				{ ...base, classifications: DOCUMENT_TYPES_1_1, classificationRules: 'Prefer invoice over receipt when an amount is still due.' },
				null,
			),
		},
		{
			seq: 2,
			id: 'cl_mail_triage',
			name: 'Mail Triage',
			createdAt: '2026-02-02T11:00:00.000Z',
			updatedAt: '2026-02-02T11:00:00.000Z',
			published: [],
			draft: version('cl_mail_triage', 'draft', '2026-02-02T11:00:00.000Z', { baseProcessor: 'classification_light', classifications: MAIL_TRIAGE }, null),
		},
	];
}

export class ClassifierStore {
	private readonly records = new Map<string, ClassifierRecord>(seedClassifiers().map((r) => [r.id, r]));

	get(id: string): ClassifierRecord {
		const record = this.records.get(id);
		if (!record) throw notFound('Classifier', id);
		return record;
	}

	/** `latest` (or nothing) = newest published, else the draft; `draft`; a number like "1.0"; or a version id. */
	resolve(id: string, requested: string | undefined): { record: ClassifierRecord; version: ClassifierVersion } {
		const record = this.get(id);
		const v = requested ?? 'latest';
		if (v === 'latest') return { record, version: record.published[record.published.length - 1] ?? record.draft };
		if (v === 'draft') return { record, version: record.draft };
		if (!/^\d+\.\d+$/.test(v) && !v.startsWith('clv_')) {
			throw invalid(`Version "${v}" is not valid: use "latest", "draft", a version number such as "1.0", or a version id.`);
		}
		const found = [record.draft, ...record.published].find((candidate) => candidate.version === v || candidate.id === v);
		if (!found) throw notFound(`Version "${v}" of classifier`, id);
		return { record, version: found };
	}

	summary(record: ClassifierRecord): ClassifierSummary {
		return { object: 'classifier', id: record.id, name: record.name, createdAt: record.createdAt, updatedAt: record.updatedAt };
	}

	versionSummary(v: ClassifierVersion): ClassifierVersionSummary {
		return { object: 'classifier_version', id: v.id, description: v.description, version: v.version, classifierId: v.classifierId, createdAt: v.createdAt, createdBy: v.createdBy };
	}

	full(record: ClassifierRecord): Classifier {
		return { ...this.summary(record), draftVersion: record.draft };
	}

	all(): ClassifierRecord[] {
		return [...this.records.values()];
	}
}

export function classifierRoutes(store: ClassifierStore): Route[] {
	return [
		{
			method: 'GET',
			path: '/classifiers',
			category: 'GET',
			handle: ({ query }) => {
				const by = queryEnum(query, 'sortBy', ['createdAt', 'updatedAt'] as const) ?? 'createdAt';
				return { body: paginate(store.all(), (r) => sortKey(r[by], r.seq), query, (r) => store.summary(r)) };
			},
		},
		{ method: 'GET', path: '/classifiers/{id}', category: 'GET', handle: ({ params }) => ({ body: store.full(store.get(params.id)) }) },
		{
			method: 'GET',
			path: '/classifiers/{id}/versions',
			category: 'GET',
			handle: ({ params, query }) => {
				const record = store.get(params.id);
				// Newest first with the draft first (as the SDK documents); asc reverses it.
				const all = [record.draft, ...record.published];
				const key = (v: ClassifierVersion): string => (v === record.draft ? '~draft' : sortKey(v.createdAt, record.published.indexOf(v)));
				return { body: paginate(all, key, query, (v) => store.versionSummary(v)) };
			},
		},
		{
			method: 'GET',
			path: '/classifiers/{id}/versions/{version}',
			category: 'GET',
			handle: ({ params }) => ({ body: store.resolve(params.id, params.version).version }),
		},
	];
}
