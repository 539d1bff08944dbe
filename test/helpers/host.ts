import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../../server/app.js';
import { type Config, loadConfig } from '../../server/config.js';
import { loadSecretBox } from '../../server/secrets.js';
import { SqliteStore } from '../../server/store/sqlite.js';

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
