/**
 * The connector's engine: the registry of operations, the runtime services (custom field definitions), the
 * triggers, and the manifest builder. `index.ts` loads this module on first use, so that an engine reading
 * only the manifest does not pay for importing 100+ operation schemas.
 */
import { authDescriptor } from './auth/descriptor.js';
import { aliases, removed } from './operations/aliases.js';
import { allOperations, registry } from './operations/index.js';
import { lookups } from './operations/lookups.js';
import { type CallContext, cacheKeyOf } from './runtime/context.js';
import {
  type CustomFieldEntity,
  type FieldCacheScope,
  FieldCatalog,
  toFieldDefinition,
} from './runtime/custom-fields.js';
import type { Operation } from './runtime/define.js';
import { ConnectorError } from './runtime/errors.js';
import { parseInput, runOperation, type Services, streamRecords } from './runtime/execute.js';
import type { JsonSchema } from './runtime/json-schema.js';
import { type LookupPage, lookupEntry, resolveLookup, runLookup } from './runtime/lookup.js';
import { buildManifest, type Manifest, type OperationEntry, operationEntry } from './runtime/manifest.js';
import type { PageState } from './runtime/paginate.js';
import { meterFor, type UsageSummary } from './runtime/usage.js';
import { CONNECTOR_VERSION } from './runtime/version.js';
import { triggerEntry, triggers, WEBHOOK_SCOPES } from './triggers/catalog.js';
import {
  filterTriggers,
  type PollResult,
  type PollStartOptions,
  type PollState,
  poll,
  pollingMode,
  pollingOperation,
  startPolling,
  triggerApi,
} from './triggers/index.js';

/** An operation resolved by name once, to be run without resolving the name again. */
export interface ResolvedOperation {
  /** The operation's name (a v4.2 name resolves to its v5.0 successor's). */
  readonly name: string;
  /** Set when the name asked for is a deprecated v4.2 name: what to switch to. */
  readonly deprecation?: string;
  /** `connector.execute` of this operation, without resolving the name again. */
  execute(input: unknown, ctx: CallContext): Promise<unknown>;
  /** `connector.stream` of this operation. */
  stream(
    input: unknown,
    ctx: CallContext,
    progress?: PageState,
  ): AsyncGenerator<unknown, PageState, undefined>;
  /** `connector.describe` of this operation. */
  describe(ctx: CallContext): Promise<OperationSchemas>;
}

/** An operation's schemas as `describe` gives them: the manifest entry's, with the account's custom fields. */
export type OperationSchemas = Pick<OperationEntry, 'input_schema' | 'output_schema'> & {
  /**
   * Set when the account's custom fields could not be read (the schemas are then the manifest's): why, and what
   * still works (`custom_fields` by name or key, checked when the operation runs).
   */
  warnings?: string[];
};

/** A dropdown resolved by name once. */
export interface ResolvedLookup {
  readonly name: string;
  /** `connector.lookup` of this dropdown. */
  lookup(input: unknown, ctx: CallContext): Promise<LookupPage>;
}

/**
 * The plugin API's calls, declared once: the engine below implements them, and `connector` in index.ts offers
 * them (with `manifest` and `version`), loading the engine on first use.
 */
export interface ConnectorApi {
  /**
   * Triggers (see docs/triggers.md): webhooks (`subscribe`, `unsubscribe`, `check`, `receive`) and polling
   * (`startPolling` gives the first state, `poll` the events since a state and the next state).
   */
  triggers: typeof triggerApi & {
    startPolling(name: string, input: unknown, options?: PollStartOptions): Promise<PollState>;
    poll(state: PollState, ctx: CallContext): Promise<PollResult>;
  };

  /**
   * Run an operation. Resolves to its output: Pipedrive's envelope (`success`, `data`, `additional_data`),
   * plus `warnings` when `name` is a deprecated v4.2 name. Rejects with a ConnectorError.
   */
  execute(name: string, input: unknown, ctx: CallContext): Promise<unknown>;

  /**
   * Options of a dynamic dropdown (`users`, `stages`, `persons`, ...; see the manifest's `lookups`): input
   * `{ search?, cursor?, limit?, ...dependsOn values }`, answer `{ options: [{ value, label }], next_cursor }`.
   */
  lookup(name: string, input: unknown, ctx: CallContext): Promise<LookupPage>;

  /**
   * The records of a list or search operation, one at a time, across all pages (or up to `max_items`).
   * Memory stays at one page. When iteration ends, the generator's return value tells whether more remain.
   * `progress`, when given, is updated as each page arrives (`pages` read so far, `next` position).
   */
  stream(
    name: string,
    input: unknown,
    ctx: CallContext,
    progress?: PageState,
  ): AsyncGenerator<unknown, PageState, undefined>;

  /**
   * The operation's input and output JSON Schemas extended with the account's custom fields: `custom_fields`
   * typed field by field (by name; option fields with their options), and `custom_fields_by_name` in the
   * output. Operations without custom fields get their manifest schemas. When the account's fields cannot be read
   * (a connector error: Pipedrive refused or failed), the manifest schemas come with `warnings` saying why.
   */
  describe(name: string, ctx: CallContext): Promise<OperationSchemas>;

  /**
   * Resolve an operation name (a current or v4.2 one) once, for a caller that reports an unknown name before
   * it does anything else: rejects with `unknown_operation` (naming the replacement of a removed v4.2 name).
   */
  resolve(name: string): Promise<ResolvedOperation>;

  /** Resolve a dropdown's name once (see the manifest's `lookups`); rejects with `unknown_operation`. */
  resolveLookup(name: string): Promise<ResolvedLookup>;

  /**
   * Forget cached custom field definitions (of one connection, or all; of one entity, or every one), e.g. when
   * Pipedrive's field webhook says fields changed (`fieldEventEntity` names the entity of such an event). They
   * are kept 5 minutes otherwise, and read again at once when a name is unknown or Pipedrive refuses a field.
   */
  clearFieldCache(ctx?: FieldCacheScope, entity?: CustomFieldEntity): void;

  /**
   * The day's token spend of the connection (`ctx.cacheKey`, else its credentials) by the calls of this process,
   * and its company's daily budget as Pipedrive's latest answer told it: `state` (`ok`, `low` at 80% used,
   * `spent`, `unknown`) and `slow_down` tell optional work (polling) to wait; `budgetDelay` in
   * runtime/usage.ts says how long. Each call's own usage goes to `ctx.onUsage`.
   */
  usage(ctx: CallContext): Promise<UsageSummary>;
}

/** Build the manifest from the code (what `npm run manifest` writes to connector.manifest.json). */
export function buildConnectorManifest(): Manifest {
  return buildManifest({
    name: 'pipedrive',
    title: 'Pipedrive',
    version: CONNECTOR_VERSION,
    description:
      'Pipedrive CRM: deals, leads, persons, organizations, activities, products, pipelines and more through API v2, and workflows started by Pipedrive webhooks.',
    auth: authDescriptor([...allOperations.map((op) => op.scopes), WEBHOOK_SCOPES]),
    operations: allOperations,
    aliases,
    removed,
    lookups: lookups.map(lookupEntry),
    triggers: triggers.map((trigger) => ({
      ...triggerEntry(trigger),
      modes: pollingMode(trigger) ? ['webhook', 'polling'] : ['webhook'],
    })),
    polling_triggers: filterTriggers.map((trigger) => ({
      ...triggerEntry(trigger),
      scopes: registry.get(pollingOperation(trigger) as string)?.scopes ?? [],
      modes: ['polling'],
    })),
  });
}

/** The field list operation of each entity with custom fields (leads share the deal fields). */
const FIELD_LISTS: Record<CustomFieldEntity, string> = {
  deal: 'list_deal_fields',
  person: 'list_person_fields',
  organization: 'list_organization_fields',
  product: 'list_product_fields',
  project: 'list_project_fields',
};

/** Custom field definitions per connection, read through the field list operations and cached. */
const fields = new FieldCatalog(async (entity, ctx) => {
  const list = registry.get(FIELD_LISTS[entity]);
  if (!list) throw new Error(`No field list operation for ${entity}`);
  const definitions = [];
  for await (const record of streamRecords(list, parseInput(list, {}), ctx)) {
    definitions.push(toFieldDefinition(record as Record<string, unknown>));
  }
  return definitions;
});

const services: Services = { fields };

/** The record schemas (`data`, or its items) inside an operation's output schema. */
function recordSchemas(output: JsonSchema): JsonSchema[] {
  const data = (output.properties as Record<string, JsonSchema> | undefined)?.data;
  if (!data) return [];
  const alternatives = Array.isArray(data.anyOf) ? (data.anyOf as JsonSchema[]) : [data];
  return alternatives
    .filter((alt) => alt.type !== 'null')
    .map((alt) => (alt.type === 'array' ? (alt.items as JsonSchema) : alt))
    .filter((alt) => alt && typeof alt === 'object');
}

function warn(ctx: CallContext, deprecation: string | undefined, name: string): void {
  if (deprecation) ctx.logger?.warn({ operation: name, deprecated: true }, deprecation);
}

/**
 * The operation's manifest schemas, with the account's custom fields when it has any. Fields that cannot be read
 * leave the manifest's schemas, with a warning: the schemas are still right, only less specific.
 */
async function describeOperation(operation: Operation, ctx: CallContext): Promise<OperationSchemas> {
  const { input_schema, output_schema } = operationEntry(operation);
  if (!operation.customFields) return { input_schema, output_schema };
  const { entity } = operation.customFields;
  let set: Awaited<ReturnType<typeof fields.get>>;
  try {
    set = await fields.get(entity, ctx);
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    ctx.logger?.warn({ operation: operation.name, code: error.code }, 'custom field definitions unavailable');
    const warning = `The account's custom ${entity} fields could not be read (${error.code}: ${error.message}), so \`custom_fields\` is not typed with them; it still takes field names or keys, checked when the operation runs.`;
    return { input_schema, output_schema, warnings: [warning] };
  }
  const inputs = input_schema.properties as Record<string, JsonSchema>;
  if (inputs.custom_fields) inputs.custom_fields = set.schema('input');
  for (const record of recordSchemas(output_schema)) {
    record.properties = { ...(record.properties as object), custom_fields_by_name: set.schema('output') };
  }
  return { input_schema, output_schema };
}

/** The operation of a current or v4.2 name (`unknown_operation` otherwise), ready to run. */
function resolveOperation(name: string): ResolvedOperation {
  const { operation, deprecation } = registry.resolve(name);
  return {
    name: operation.name,
    ...(deprecation ? { deprecation } : {}),
    async execute(input, ctx) {
      warn(ctx, deprecation, name);
      const output = await runOperation(operation, input, ctx, services);
      if (!deprecation) return output;
      return { ...(output as object), warnings: [deprecation] };
    },
    stream(input, ctx, progress) {
      warn(ctx, deprecation, name);
      return streamRecords(operation, parseInput(operation, input), ctx, progress, services);
    },
    describe: (ctx) => describeOperation(operation, ctx),
  };
}

export const engine: ConnectorApi = {
  triggers: {
    ...triggerApi,
    async startPolling(name, input, options) {
      return startPolling(name, input, options);
    },
    poll: (state, ctx) => poll(state, ctx, (name, input, c) => resolveOperation(name).stream(input, c)),
  },
  async resolve(name) {
    return resolveOperation(name);
  },
  async resolveLookup(name) {
    const lookup = resolveLookup(lookups, name);
    return { name, lookup: (input, ctx) => runLookup(lookup, input, ctx) };
  },
  async execute(name, input, ctx) {
    return resolveOperation(name).execute(input, ctx);
  },
  async lookup(name, input, ctx) {
    return runLookup(resolveLookup(lookups, name), input, ctx);
  },
  stream(name, input, ctx, progress) {
    return resolveOperation(name).stream(input, ctx, progress);
  },
  async describe(name, ctx) {
    return resolveOperation(name).describe(ctx);
  },
  clearFieldCache(ctx, entity) {
    fields.clear(ctx, entity);
  },
  async usage(ctx) {
    return meterFor(cacheKeyOf(ctx)).summary();
  },
};
