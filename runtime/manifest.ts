import type { Operation, TokenCost } from './define.js';
import { type JsonSchema, toJsonSchema } from './json-schema.js';
import { withLookups } from './lookup.js';
import type { Alias, Removal } from './registry.js';

export interface OperationEntry {
  name: string;
  title: string;
  description: string;
  resource: string;
  method: string;
  path: string;
  api: string;
  scopes: readonly string[];
  /**
   * Pipedrive's token cost of one call (one page, for lists); null for `api_request`, which costs what the
   * endpoint it calls costs.
   */
  token_cost: number | null;
  /** Present (true) when Pipedrive publishes no cost for the endpoint: the cost of the same kind of call. */
  token_cost_estimated?: true;
  pagination?: { max_limit: number; items: string };
  /**
   * A composed operation (find-or-create, upsert): the operations it runs, by name; `method` and `path` are its
   * add operation's, and `token_cost` is its usual run's (a search, then an add or an update).
   */
  steps?: readonly string[];
  input_schema: JsonSchema;
  output_schema: JsonSchema;
  sample: Record<string, unknown>;
}

export function operationEntry(op: Operation): OperationEntry {
  return {
    name: op.name,
    title: op.title,
    description: op.description,
    resource: op.resource,
    // A raw operation (api_request) takes its method and path from the input.
    method: op.raw ? 'ANY' : op.method,
    path: op.raw ? '{path}' : op.path,
    api: op.api,
    scopes: op.scopes,
    ...tokenCostEntry(op.tokenCost),
    ...(op.pagination
      ? { pagination: { max_limit: op.pagination.maxLimit, items: op.pagination.items ?? 'data' } }
      : {}),
    ...(op.steps ? { steps: [...op.steps] } : {}),
    input_schema: withLookups(toJsonSchema(op.input, 'input'), op.resource),
    output_schema: toJsonSchema(op.output, 'output'),
    sample: op.sample,
  };
}

function tokenCostEntry(cost: TokenCost): Pick<OperationEntry, 'token_cost' | 'token_cost_estimated'> {
  if (cost === 'endpoint') return { token_cost: null };
  if (typeof cost === 'number') return { token_cost: cost };
  return { token_cost: cost.estimated, token_cost_estimated: true };
}

/** How docs and the CLI show an operation's token cost: `10 tokens`, `~5 tokens (estimated)`. */
export function tokenCostText(op: Pick<OperationEntry, 'token_cost' | 'token_cost_estimated'>): string {
  if (op.token_cost === null) return "the called endpoint's";
  const tokens = `${op.token_cost} token${op.token_cost === 1 ? '' : 's'}`;
  return op.token_cost_estimated ? `~${tokens} (estimated)` : tokens;
}

/** A field an auth method asks for. */
export interface AuthField {
  name: string;
  title: string;
  type: 'string';
  format?: 'uri';
  secret?: true;
  required: boolean;
  description: string;
}

/** A personal API token, sent in the `x-api-token` header. */
export interface ApiTokenMethod {
  type: 'api_token';
  title: string;
  description: string;
  fields: AuthField[];
}

/** The authorization-code flow of a Pipedrive app. */
export interface OAuth2Method {
  type: 'oauth2';
  title: string;
  description: string;
  grant_type: 'authorization_code';
  authorization_url: string;
  token_url: string;
  revoke_url: string;
  client_authentication: 'basic';
  /** The union of what the operations and triggers need; each entry's own `scopes` lists its needs. */
  scopes: string[];
  token_response: string[];
  api_base: 'api_domain';
  fields: AuthField[];
}

/** The manifest's `auth` section: the ways to connect (auth/descriptor.ts makes it). */
export interface AuthDescriptor {
  methods: (ApiTokenMethod | OAuth2Method)[];
}

/** A dropdown's entry (runtime/lookup.ts makes it). */
export interface LookupEntry {
  name: string;
  title: string;
  description: string;
  /** Input fields whose values the options depend on. */
  depends_on: string[];
  input_schema: JsonSchema;
}

/** A trigger's entry (triggers/catalog.ts makes it). */
export interface TriggerEntry {
  name: string;
  title: string;
  description: string;
  /** null: any action (the trigger's input picks it). */
  event_action: string | null;
  event_object: string | null;
  scopes: readonly string[];
  input_schema: JsonSchema;
  output_schema: JsonSchema;
  sample: object;
  /** How the host and engines can receive it: Pipedrive's webhook, polling, or both (issue 25). */
  modes?: ('webhook' | 'polling')[];
}

/**
 * The connector manifest: what an engine reads to show the connector. The one declaration of its shape: the
 * plugin API, the adapters (MCP, n8n) and the CLI import it (test/architecture.test.ts fails on a copy).
 */
export interface Manifest {
  name: string;
  title: string;
  version: string;
  description: string;
  auth: AuthDescriptor;
  operations: OperationEntry[];
  deprecated_operations: { name: string; replaced_by: string; note?: string }[];
  removed_operations: { name: string; instead: string }[];
  lookups: LookupEntry[];
  triggers: TriggerEntry[];
  /** Triggers that only poll (a record newly matching a saved filter). */
  polling_triggers: TriggerEntry[];
}

export interface ManifestParts {
  name: string;
  title: string;
  version: string;
  description: string;
  auth: AuthDescriptor;
  operations: readonly Operation[];
  aliases: Readonly<Record<string, Alias>>;
  removed: Readonly<Record<string, Removal>>;
  lookups?: LookupEntry[];
  triggers?: TriggerEntry[];
  /** Triggers that only poll (a record newly matching a saved filter). */
  polling_triggers?: TriggerEntry[];
}

/** The connector manifest from its parts. */
export function buildManifest(parts: ManifestParts): Manifest {
  return {
    name: parts.name,
    title: parts.title,
    version: parts.version,
    description: parts.description,
    auth: parts.auth,
    operations: parts.operations.map(operationEntry),
    deprecated_operations: Object.entries(parts.aliases).map(([name, alias]) => ({
      name,
      replaced_by: alias.to,
      ...(alias.note ? { note: alias.note } : {}),
    })),
    removed_operations: Object.entries(parts.removed).map(([name, removal]) => ({
      name,
      instead: removal.instead,
    })),
    lookups: parts.lookups ?? [],
    triggers: parts.triggers ?? [],
    polling_triggers: parts.polling_triggers ?? [],
  };
}
