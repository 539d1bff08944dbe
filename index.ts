/**
 * The plugin API: what a workflow engine imports.
 *
 *   import connector from 'pipedrive-connector';
 *   connector.manifest;                               // the contents of connector.manifest.json
 *   await connector.execute('add_deal', input, ctx);  // validate -> call Pipedrive -> validate output
 *   for await (const deal of connector.stream('list_deals', input, ctx)) { ... }
 */
import { existsSync, readFileSync } from 'node:fs';
import { authDescriptor } from './auth/descriptor.js';
import { aliases, removed } from './operations/aliases.js';
import { operations, registry } from './operations/index.js';
import type { CallContext } from './runtime/context.js';
import { parseInput, runOperation, streamRecords } from './runtime/execute.js';
import { buildManifest, type Manifest } from './runtime/manifest.js';
import type { PageState } from './runtime/transport.js';
import { triggerEntry, triggers, WEBHOOK_SCOPES } from './triggers/catalog.js';
import { triggerApi } from './triggers/index.js';

export const CONNECTOR_VERSION = '5.0.0';

/** Build the manifest from the code (what `npm run manifest` writes to connector.manifest.json). */
export function buildConnectorManifest(): Manifest {
  return buildManifest({
    name: 'pipedrive',
    title: 'Pipedrive',
    version: CONNECTOR_VERSION,
    description:
      'Pipedrive CRM: deals, leads, persons, organizations, activities, products, pipelines and more through API v2, and workflows started by Pipedrive webhooks.',
    auth: authDescriptor([...operations.map((op) => op.scopes), WEBHOOK_SCOPES]),
    operations,
    aliases,
    removed,
    triggers: triggers.map(triggerEntry),
  });
}

let manifest: Manifest | undefined;

function loadManifest(): Manifest {
  for (const candidate of ['./connector.manifest.json', '../connector.manifest.json']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(url)) return JSON.parse(readFileSync(url, 'utf8')) as Manifest;
  }
  return buildConnectorManifest();
}

function warn(ctx: CallContext, deprecation: string | undefined, name: string): void {
  if (deprecation) ctx.logger?.warn({ operation: name, deprecated: true }, deprecation);
}

export const connector = {
  version: CONNECTOR_VERSION,

  /** The manifest (the same object as connector.manifest.json). */
  get manifest(): Manifest {
    manifest ??= loadManifest();
    return manifest;
  },

  registry,

  /** Webhook triggers: `subscribe`, `unsubscribe`, `check` and `receive` (see docs/triggers.md). */
  triggers: triggerApi,

  /**
   * Run an operation. Resolves to its output: Pipedrive's envelope (`success`, `data`, `additional_data`),
   * plus `warnings` when `name` is a deprecated v4.2 name. Rejects with a ConnectorError.
   */
  async execute(name: string, input: unknown, ctx: CallContext): Promise<unknown> {
    const { operation, deprecation } = registry.resolve(name);
    warn(ctx, deprecation, name);
    const output = await runOperation(operation, input, ctx);
    if (!deprecation) return output;
    return { ...(output as object), warnings: [deprecation] };
  },

  /**
   * The records of a list or search operation, one at a time, across all pages (or up to `max_items`).
   * Memory stays at one page. When iteration ends, the generator's return value tells whether more remain.
   */
  stream(name: string, input: unknown, ctx: CallContext): AsyncGenerator<unknown, PageState, undefined> {
    const { operation, deprecation } = registry.resolve(name);
    warn(ctx, deprecation, name);
    return streamRecords(operation, parseInput(operation, input), ctx);
  },
};

export default connector;

export { oauthRefresher, PipedriveOAuth, type PipedriveOAuthConfig, type TokenSet } from './auth/oauth2.js';
export type { ApiTokenAuth, Auth, CallContext, Logger, OAuth2Auth, OAuth2Tokens } from './runtime/context.js';
export { ConnectorError, type ErrorCode } from './runtime/errors.js';
export type { Manifest } from './runtime/manifest.js';
export type { SubscriptionState, TriggerEvent } from './triggers/index.js';
