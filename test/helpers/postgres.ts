import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../../server/free-port.js';

/**
 * A throwaway PostgreSQL server for the tests: the binaries of the machine (or Debian's package, installed by
 * scripts/ensure-postgres.sh), a fresh data directory, trust auth on 127.0.0.1 only, stopped and deleted
 * afterwards. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 */
export interface TestPostgres {
  url: string;
  stop(): void;
}

const asRoot = process.getuid?.() === 0;

function run(bin: string, args: string[]): void {
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const result = spawnSync(command, argv, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${bin} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

export async function startPostgres(): Promise<TestPostgres> {
  const binDir = execFileSync('bash', [join(import.meta.dirname, '../../scripts/ensure-postgres.sh')], {
    encoding: 'utf8',
  }).trim();
  if (asRoot && spawnSync('id', ['postgres']).status !== 0) {
    execFileSync('useradd', ['--system', '--no-create-home', 'postgres']);
  }
  const dir = mkdtempSync(join(tmpdir(), 'pd-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  run(join(binDir, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  run(join(binDir, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-o',
    // Loopback only; no fsync: the tests kill hosts, never the database server.
    `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=300`,
    'start',
  ]);
  const stop = () => {
    try {
      run(join(binDir, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

/** A fresh database on the test server, for one test file. */
export async function createDatabase(serverUrl: string, prefix = 'test'): Promise<string> {
  const name = `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Every row of every table of a database (pg-boss's job tables included), as text: to look for secrets. */
export async function dumpDatabase(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables
       WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'`,
    );
    // One query at a time: a pg client runs them in turn anyway, and pg 9 refuses a query while one is running.
    const dumps: unknown[] = [];
    for (const table of rows) dumps.push((await client.query(`SELECT * FROM ${table.name}`)).rows);
    return JSON.stringify(dumps);
  } finally {
    await client.end();
  }
}
