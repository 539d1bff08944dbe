/**
 * The connector as the n8n nodes see it: the plugin API of the repository's index.ts. The build bundles this
 * module once, as dist/connector.js (with the manifest beside it), and every node and credential file requires
 * that one bundle, so the nodes share one connector (its rate gate, field cache and delivery memory).
 */
export type {
  CallContext,
  CallUsage,
  FileOutput,
  Logger,
  OAuth2Tokens,
  PollState,
  SubscriptionState,
  TriggerEntry,
  TriggerEvent,
} from '../../index.js';
export { allowedApiBase, budgetWarning, ConnectorError, connector, isFileOutput } from '../../index.js';
