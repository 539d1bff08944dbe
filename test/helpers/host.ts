import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../../server/app.js';
import { type Config, loadConfig } from '../../server/config.js';
import { loadSecretBox } from '../../server/secrets.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import { captureHostOutput } from './secrets.js';

export interface TestHost {
  app: FastifyInstance;
  store: SqliteStore;
  config: Config;
  dir: string;
  dbFile: string;
  /** Everything the host logged so far. */
  logs(): string;
  close(): Promise<void>;
}

/** A host on a throwaway SQLite file, logging at debug level into memory. */
export async function startTestHost(
  env: Record<string, string> = {},
  options: Pick<AppOptions, 'sink' | 'dispatcher'> = {},
): Promise<TestHost> {
  const dir = mkdtempSync(join(tmpdir(), 'pd-host-'));
  const dbFile = join(dir, 'connector.db');
  const config = loadConfig({ LOG_LEVEL: 'debug', DATABASE_URL: `sqlite:${dbFile}`, PORT: '0', ...env });
  const store = new SqliteStore(dbFile, loadSecretBox({ dataDir: dir }));
  const stream = new PassThrough();
  let logs = '';
  stream.on('data', (chunk: Buffer) => {
    logs += chunk.toString('utf8');
  });
  const app = await buildApp({ config, store, logStream: stream, ...options });
  // Every answer too: no secret may be in what the host says (checked after the test file, test/setup.ts).
  let answers = '';
  app.addHook('onSend', async (_request, reply, payload) => {
    if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
      answers += `${JSON.stringify(reply.getHeaders())} ${payload.toString()}\n`;
    }
    return payload;
  });
  captureHostOutput(`the log of the test host in ${dir}`, () => logs);
  captureHostOutput(`the answers of the test host in ${dir}`, () => answers);
  return {
    app,
    store,
    config,
    dir,
    dbFile,
    logs: () => logs,
    close: async () => {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A test host whose store holds one API-token connection (made through its API), and that connection's ID. */
export async function startHostWithConnection(
  apiUrl: string,
  apiToken: string,
): Promise<{ host: TestHost; connectionId: string }> {
  const host = await startTestHost({ PIPEDRIVE_API_URL: apiUrl });
  const created = await host.app.inject({
    method: 'POST',
    url: '/connections',
    payload: { type: 'api_token', api_token: apiToken },
  });
  return { host, connectionId: created.json().id };
}
