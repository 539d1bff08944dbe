/**
 * The plugin API: what a workflow engine imports.
 *
 *   import connector from 'pipedrive-connector';
 *   connector.manifest;                               // the contents of connector.manifest.json
 *   await connector.execute('add_deal', input, ctx);  // validate -> call Pipedrive -> validate output
 *   for await (const deal of connector.stream('list_deals', input, ctx)) { ... }
 *   await connector.lookup('stages', { pipeline_id, search, cursor }, ctx);  // dropdown options
 *
 * Importing this module is cheap: the manifest is read from connector.manifest.json, and the operations,
 * runtime and triggers (connector.ts) load on the first call that needs them.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { CallContext } from './runtime/context.js';
import type { JsonSchema } from './runtime/json-schema.js';
import type { LookupPage } from './runtime/lookup.js';
import type { Manifest } from './runtime/manifest.js';
import type { PageState } from './runtime/paginate.js';
import { CONNECTOR_VERSION } from './runtime/version.js';
import type { DeliveryRequest, ReceiveOptions, SubscriptionState, TriggerEvent } from './triggers/index.js';
import type { SubscribeContext, WebhookHealth } from './triggers/webhooks.js';

export { CONNECTOR_VERSION };

type Engine = typeof import('./connector.js')['engine'];

let loading: Promise<Engine> | undefined;
let loaded: Engine | undefined;

/** The engine (operations, runtime, triggers), imported once, on first use. */
export function loadEngine(): Promise<Engine> {
  loading ??= import('./connector.js').then((module) => {
    loaded = module.engine;
    return module.engine;
  });
  return loading;
}

let manifest: Manifest | undefined;

function loadManifest(): Manifest {
  for (const candidate of ['./connector.manifest.json', '../connector.manifest.json']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(url)) return JSON.parse(readFileSync(url, 'utf8')) as Manifest;
  }
  throw new Error('connector.manifest.json is missing: run `npm run manifest`');
}

export const connector = {
  version: CONNECTOR_VERSION,

  /** The manifest (the same object as connector.manifest.json). */
  get manifest(): Manifest {
    manifest ??= loadManifest();
    return manifest;
  },

  /** Webhook triggers: `subscribe`, `unsubscribe`, `check` and `receive` (see docs/triggers.md). */
  triggers: {
    async subscribe(name: string, input: unknown, ctx: SubscribeContext): Promise<SubscriptionState> {
      return (await loadEngine()).triggers.subscribe(name, input, ctx);
    },
    async unsubscribe(state: Pick<SubscriptionState, 'webhook_id'>, ctx: CallContext): Promise<void> {
      return (await loadEngine()).triggers.unsubscribe(state, ctx);
    },
    async check(state: Pick<SubscriptionState, 'webhook_id'>, ctx: CallContext): Promise<WebhookHealth> {
      return (await loadEngine()).triggers.check(state, ctx);
    },
    /** Verify, parse, filter and deduplicate one delivery: the events that should start a run (0 or 1). */
    async receive(
      state: SubscriptionState,
      request: DeliveryRequest,
      options?: ReceiveOptions,
    ): Promise<TriggerEvent[]> {
      return (await loadEngine()).triggers.receive(state, request, options);
    },
  },

  /**
   * Run an operation. Resolves to its output: Pipedrive's envelope (`success`, `data`, `additional_data`),
   * plus `warnings` when `name` is a deprecated v4.2 name. Rejects with a ConnectorError.
   */
  async execute(name: string, input: unknown, ctx: CallContext): Promise<unknown> {
    return (await loadEngine()).execute(name, input, ctx);
  },

  /**
   * Options of a dynamic dropdown (`users`, `stages`, `persons`, ...; see the manifest's `lookups`): input
   * `{ search?, cursor?, limit?, ...dependsOn values }`, answer `{ options: [{ value, label }], next_cursor }`.
   */
  async lookup(name: string, input: unknown, ctx: CallContext): Promise<LookupPage> {
    return (await loadEngine()).lookup(name, input, ctx);
  },

  /**
   * The records of a list or search operation, one at a time, across all pages (or up to `max_items`).
   * Memory stays at one page. When iteration ends, the generator's return value tells whether more remain.
   * `progress`, when given, is updated as each page arrives (`pages` read so far, `next` position).
   */
  async *stream(
    name: string,
    input: unknown,
    ctx: CallContext,
    progress?: PageState,
  ): AsyncGenerator<unknown, PageState, undefined> {
    return yield* (await loadEngine()).stream(name, input, ctx, progress);
  },

  /**
   * The operation's input and output JSON Schemas extended with the account's custom fields: `custom_fields`
   * typed field by field (by name; option fields with their options), and `custom_fields_by_name` in the
   * output. Operations without custom fields get their manifest schemas.
   */
  async describe(
    name: string,
    ctx: CallContext,
  ): Promise<{ input_schema: JsonSchema; output_schema: JsonSchema }> {
    return (await loadEngine()).describe(name, ctx);
  },

  /** Forget cached custom field definitions (of one connection, or all), e.g. after fields were changed. */
  clearFieldCache(ctx?: CallContext): void {
    loaded?.clearFieldCache(ctx);
  },
};

export default connector;

export type { ApiTokenAuth, Auth, CallContext, Logger, OAuth2Auth, OAuth2Tokens } from './runtime/context.js';
export { ConnectorError, type ErrorCode } from './runtime/errors.js';
export type { LookupOption, LookupPage } from './runtime/lookup.js';
export type { Manifest } from './runtime/manifest.js';
export type { SubscriptionState, TriggerEvent } from './triggers/index.js';
