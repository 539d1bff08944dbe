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
import type { ConnectorApi } from './connector.js';
import type { Manifest } from './runtime/manifest.js';
import { CONNECTOR_VERSION } from './runtime/version.js';

/** Where an engine may send a credential (`https://<company>.pipedrive.com`, or its configured API base). */
export { allowedApiBase } from './runtime/api-domain.js';
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

/** One of the engine's asynchronous calls, made once the engine is loaded. */
function later<F extends (...args: never[]) => Promise<unknown>>(call: (engine: Engine) => F): F {
  return (async (...args: Parameters<F>) => call(await loadEngine())(...args)) as F;
}

/** The plugin API (see `ConnectorApi` in connector.ts), with the manifest and the version. */
export const connector: ConnectorApi & { readonly version: string; readonly manifest: Manifest } = {
  version: CONNECTOR_VERSION,

  /** The manifest (the same object as connector.manifest.json). */
  get manifest(): Manifest {
    manifest ??= loadManifest();
    return manifest;
  },

  triggers: {
    subscribe: later((engine) => engine.triggers.subscribe),
    unsubscribe: later((engine) => engine.triggers.unsubscribe),
    check: later((engine) => engine.triggers.check),
    receive: later((engine) => engine.triggers.receive),
    startPolling: later((engine) => engine.triggers.startPolling),
    poll: later((engine) => engine.triggers.poll),
  },
  execute: later((engine) => engine.execute),
  lookup: later((engine) => engine.lookup),
  describe: later((engine) => engine.describe),
  resolve: later((engine) => engine.resolve),
  resolveLookup: later((engine) => engine.resolveLookup),
  usage: later((engine) => engine.usage),

  async *stream(name, input, ctx, progress) {
    return yield* (await loadEngine()).stream(name, input, ctx, progress);
  },

  clearFieldCache(ctx, entity) {
    loaded?.clearFieldCache(ctx, entity);
  },
};

export default connector;

export type { ConnectorApi, OperationSchemas, ResolvedLookup, ResolvedOperation } from './connector.js';
export {
  answersFile,
  BASE64_MAX_BYTES,
  BINARY_KEYWORD,
  type BinaryField,
  DEFAULT_MAX_FILE_BYTES,
  type FileInput,
  type FileOutput,
  type FileValue,
  fileFields,
  isFileOutput,
} from './runtime/binary.js';
export type {
  ApiTokenAuth,
  Auth,
  CallContext,
  KeyCoordinator,
  Logger,
  OAuth2Auth,
  OAuth2Tokens,
} from './runtime/context.js';
export { type CustomFieldEntity, type FieldCacheScope, fieldEventEntity } from './runtime/custom-fields.js';
export { ConnectorError, type ErrorCode } from './runtime/errors.js';
export type { LookupOption, LookupPage } from './runtime/lookup.js';
export { lookupFields } from './runtime/lookup-fields.js';
export type {
  AuthDescriptor,
  LookupEntry,
  Manifest,
  OperationEntry,
  TriggerEntry,
} from './runtime/manifest.js';
export {
  type BudgetState,
  budgetDelay,
  budgetWarning,
  CallTally,
  type CallUsage,
  LOW_BUDGET_SHARE,
  type UsageSummary,
} from './runtime/usage.js';
export type {
  PollResult,
  PollStartOptions,
  PollState,
  SubscriptionState,
  TriggerEvent,
} from './triggers/index.js';
