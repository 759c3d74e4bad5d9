// The document types the tests classify into (invoice, receipt, contract, resume, other): the ones
// of the emulator's saved classifier "Document Types" 1.0, in the two shapes tests send them.
import { DOCUMENT_TYPES } from '../emulator/classifiers';

/** A classify request's `config` with inline classifications (the API's shape). */
export const INLINE_CONFIG = { classifications: DOCUMENT_TYPES };

/** The Extend node's Classifications parameter: the same types without "other", which the node adds
 * itself (Add "Other" Classification, on by default). */
export const INLINE_CLASSIFICATIONS = {
	values: DOCUMENT_TYPES.filter((c) => c.type !== 'other').map(({ id, type, description }) => ({ id, type, description })),
};
