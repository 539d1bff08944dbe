/**
 * A throwaway store of either engine for a test: SQLite in a fresh folder, or a fresh database on the test
 * PostgreSQL server (test/global-setup.ts). Both with a fresh sealing key.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { SecretBox } from '../../server/secrets.js';
import { type PostgresOptions, PostgresStore } from '../../server/store/postgres.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import type { Store } from '../../server/store/types.js';
import { createDatabase, dumpDatabase } from './postgres.js';

export interface TestStore {
  engine: 'sqlite' | 'postgres';
  store: Store;
  /** `sqlite:<file>` or the PostgreSQL URL: a DATABASE_URL for a host on the same store. */
  databaseUrl: string;
  box: SecretBox;
  /** Everything the store wrote, as text, to look for secrets in clear. */
  raw(): Promise<string>;
  /** Another store on the same database (as another host would open it); closed with this one. */
  reopen(): Promise<Store>;
  close(): Promise<void>;
}

export async function openTestStore(
  engine: TestStore['engine'],
  options: PostgresOptions = {},
): Promise<TestStore> {
  const box = new SecretBox([randomBytes(32)]);
  const others: Store[] = [];
  const closeOthers = async () => {
    for (const other of others.splice(0)) await other.close();
  };
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pd-store-'));
    const file = join(dir, 'c.db');
    const store = new SqliteStore(file, box);
    return {
      engine,
      store,
      databaseUrl: `sqlite:${file}`,
      box,
      raw: async () =>
        [file, `${file}-wal`].map((f) => readFileSync(f, { flag: 'a+' }).toString('latin1')).join('\n'),
      reopen: async () => {
        const other = new SqliteStore(file, box);
        others.push(other);
        return other;
      },
      close: async () => {
        await closeOthers();
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = await createDatabase(inject('postgresUrl'), 'store');
  const store = await PostgresStore.open(url, box, options);
  return {
    engine,
    store,
    databaseUrl: url,
    box,
    raw: () => dumpDatabase(url),
    reopen: async () => {
      const other = await PostgresStore.open(url, box, options);
      others.push(other);
      return other;
    },
    close: async () => {
      await closeOthers();
      await store.close();
    },
  };
}
