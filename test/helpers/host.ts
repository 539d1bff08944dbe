import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { type AppOptions, buildApp } from '../../server/app.js';
import { type Config, loadConfig } from '../../server/config.js';
import { generateKey } from '../../server/keys.js';
import { DEFAULT_WORKSPACE } from '../../server/resources.js';
import { loadSecretBox } from '../../server/secrets.js';
import { PostgresStore } from '../../server/store/postgres.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import { recordAnswers } from './answers.js';
import { createDatabase } from './postgres.js';
import { captureHostOutput, registerSecret } from './secrets.js';

export interface TestHost {
  app: FastifyInstance;
  store: SqliteStore;
  config: Config;
  dir: string;
  dbFile: string;
  /** A host operator's API key (of the default workspace): it administers every workspace. */
  key: string;
  /** `inject` as an API client calls: with `key` (unless the request sets its own authorization) and JSON. */
  inject(options: InjectOptions & { key?: string | null }): Promise<LightMyRequestResponse>;
  /** A new key of a workspace (created when needed): a member's, a workspace admin's, or an operator's. */
  newKey(workspace: string, admin?: boolean, operator?: boolean): Promise<string>;
  /** The headers of an API client using `key` (for fetch). */
  headers(key?: string): Record<string, string>;
  /** Everything the host logged so far. */
  logs(): string;
  close(): Promise<void>;
}

/**
 * A host on a throwaway store — a SQLite file, or with `engine: 'postgres'` a fresh database on the test
 * PostgreSQL server — logging at debug level into memory, with a host operator's key (of the default workspace).
 */
export async function startTestHost(
  env: Record<string, string> = {},
  options: Pick<AppOptions, 'sink' | 'dispatcher' | 'poller' | 'onRoute'> & {
    engine?: 'sqlite' | 'postgres';
  } = {},
): Promise<TestHost> {
  const dir = mkdtempSync(join(tmpdir(), 'pd-host-'));
  const dbFile = join(dir, 'connector.db');
  const secrets = loadSecretBox({ dataDir: dir });
  const databaseUrl =
    options.engine === 'postgres' ? await createDatabase(inject('postgresUrl'), 'host') : `sqlite:${dbFile}`;
  const config = loadConfig({ LOG_LEVEL: 'debug', DATABASE_URL: databaseUrl, PORT: '0', ...env });
  // (On PostgreSQL the SQLite-only members are absent: tests that use them run on SQLite.)
  const store = (
    options.engine === 'postgres'
      ? await PostgresStore.open(databaseUrl, secrets)
      : new SqliteStore(dbFile, secrets)
  ) as SqliteStore;
  const stream = new PassThrough();
  let logs = '';
  stream.on('data', (chunk: Buffer) => {
    logs += chunk.toString('utf8');
  });
  const { engine: _engine, ...appOptions } = options;
  const app = await buildApp({ config, store, secrets, logStream: stream, ...appOptions });
  // Every answer too: no secret may be in what the host says (checked after the test file, test/setup.ts).
  let answers = '';
  app.addHook('onSend', async (_request, reply, payload) => {
    if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
      answers += `${JSON.stringify(reply.getHeaders())} ${payload.toString()}\n`;
    }
    return payload;
  });
  // ...and every answer must be one the OpenAPI document describes (checked after the test file too). The
  // document is shared with the file's other hosts of this configuration (its temporary directory aside).
  recordAnswers(app, configurationText(config, dir));
  captureHostOutput(`the log of the test host in ${dir}`, () => logs);
  captureHostOutput(`the answers of the test host in ${dir}`, () => answers);

  const newKey = async (workspace: string, admin = false, operator = false) => {
    await store.ensureWorkspace(workspace);
    const { key, row } = generateKey(workspace, { admin, operator, label: 'test' });
    await store.createApiKey(row);
    // A key in a log or an answer (other than the one creating it) is a leak.
    registerSecret(key);
    return key;
  };
  const key = await newKey(DEFAULT_WORKSPACE, true, true);
  const headers = (which = key) => ({ authorization: `Bearer ${which}`, 'content-type': 'application/json' });

  return {
    app,
    store,
    config,
    dir,
    dbFile,
    key,
    newKey,
    headers,
    inject: ({ key: which, ...request }) => {
      const given = (request.headers ?? {}) as Record<string, string>;
      const auth =
        which === null || given.authorization !== undefined
          ? {}
          : { authorization: `Bearer ${which ?? key}` };
      const json =
        request.method === 'POST' && given['content-type'] === undefined
          ? { 'content-type': 'application/json' }
          : {};
      return app.inject({ ...request, headers: { ...json, ...auth, ...given } });
    },
    logs: () => logs,
    close: async () => {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The configuration as text (a function, TRUST_PROXY's, by its source), without this host's own `dir`. */
function configurationText(config: Config, dir: string): string {
  return JSON.stringify(config, (_key, value) =>
    typeof value === 'function' ? String(value) : value,
  ).replaceAll(dir, '<dir>');
}

/** A test host whose store holds one API-token connection (made through its API), and that connection's ID. */
export async function startHostWithConnection(
  apiUrl: string,
  apiToken: string,
): Promise<{ host: TestHost; connectionId: string }> {
  const host = await startTestHost({ PIPEDRIVE_API_URL: apiUrl });
  const created = await host.inject({
    method: 'POST',
    url: '/connections',
    payload: { type: 'api_token', api_token: apiToken },
  });
  if (created.statusCode !== 201) throw new Error(`no connection: ${created.body}`);
  return { host, connectionId: created.json().id };
}
