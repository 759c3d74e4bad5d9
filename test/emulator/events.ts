// The webhook event types Extend accepts. Listed here rather than read from the SDK at runtime
// (loading extend-ai costs the CLI about a second); the Record types make the compiler check the
// lists against the SDK's enums, so a missing or misspelt event fails the build.
import type { Extend } from 'extend-ai';

type Known<T> = T[keyof T];
type EndpointEvent = Known<typeof Extend.WebhookEndpointEventType>;
type SubscriptionEvent = Known<typeof Extend.WebhookSubscriptionEventType>;

const ENDPOINT: Record<EndpointEvent, true> = {
	'parse_run.processed': true, 'parse_run.failed': true, 'edit_run.processed': true, 'edit_run.failed': true,
	'extract_run.processed': true, 'extract_run.failed': true, 'classify_run.processed': true, 'classify_run.failed': true,
	'split_run.processed': true, 'split_run.failed': true, 'batch_processor_run.processed': true, 'batch_processor_run.failed': true,
	'batch_parse_run.processed': true, 'batch_parse_run.failed': true,
	'extractor.created': true, 'extractor.updated': true, 'extractor.deleted': true, 'extractor.draft.updated': true, 'extractor.version.published': true,
	'classifier.created': true, 'classifier.updated': true, 'classifier.deleted': true, 'classifier.draft.updated': true, 'classifier.version.published': true,
	'splitter.created': true, 'splitter.updated': true, 'splitter.deleted': true, 'splitter.draft.updated': true, 'splitter.version.published': true,
	'workflow.created': true, 'workflow.deployed': true, 'workflow.deleted': true,
};

const BATCH: SubscriptionEvent[] = ['batch_processor_run.processed', 'batch_processor_run.failed'];

/** Events a resource-scoped subscription may enable, by resourceType. */
const BY_RESOURCE: Record<string, SubscriptionEvent[]> = {
	classifier: ['classify_run.processed', 'classify_run.failed', ...BATCH],
	extractor: ['extract_run.processed', 'extract_run.failed', ...BATCH],
	splitter: ['split_run.processed', 'split_run.failed', ...BATCH],
	workflow: ['workflow_run.completed', 'workflow_run.failed', 'workflow_run.needs_review', 'workflow_run.rejected', 'workflow_run.cancelled', 'workflow_run.step_run.processed'],
};

export const ENDPOINT_EVENTS: string[] = Object.keys(ENDPOINT);
export const SUBSCRIPTION_EVENTS: Record<string, string[]> = BY_RESOURCE;
