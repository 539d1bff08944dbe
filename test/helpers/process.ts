import { type ChildProcess, spawn } from 'node:child_process';
import { loadConfig } from '../../server/config.js';
import { freePort } from '../../server/free-port.js';
import { generateKey } from '../../server/keys.js';
import { DEFAULT_WORKSPACE } from '../../server/resources.js';
import { openStore } from '../../server/store/open.js';
import { captureHostOutput, registerSecret } from './secrets.js';

/**
 * A host operator's key (of the default workspace), written into the store a host process will use (its DATABASE_URL and
 * CONNECTOR_SECRET_KEY), as `pipedrive-connector keys create` would, before the host starts.
 */
export async function provisionKey(
  env: Record<string, string>,
  workspace = DEFAULT_WORKSPACE,
): Promise<string> {
  const { store } = await openStore(loadConfig({ ...process.env, ...env }));
  try {
    await store.ensureWorkspace(workspace);
    const { key, row } = generateKey(workspace, { admin: true, operator: true, label: 'test' });
    await store.createApiKey(row);
    registerSecret(key);
    return key;
  } finally {
    await store.close();
  }
}

export interface HostProcess {
  url: string;
  port: number;
  /** A host operator's key of the default workspace (provisioned before the start; empty when asked for none). */
  key: string;
  /** The headers of an API client with that key. */
  headers: Record<string, string>;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Start the host in its own process, from `dist/` as `npm start` does (test/global-setup.ts compiles it), and
 * wait until it says it is ready (its IPC message, once it listens and has written its first start's sign-in line,
 * if any). The store gets an admin key first (`key`), unless one is given in `options.key` (a host started again
 * on the same store).
 */
export async function startHostProcess(
  env: Record<string, string>,
  port?: number,
  options: { key?: string | null } = {},
): Promise<HostProcess> {
  const listen = port ?? (await freePort());
  // null: no key at all (a first start), as a fresh clone's `npm start` finds it.
  const key = options.key === null ? '' : (options.key ?? (await provisionKey(env)));
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(listen), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  // Its stdout is a pipe, not a terminal: no key may be in it, the first start's included (server/first-start.ts).
  captureHostOutput(`the output of the host process on port ${listen}`, () => output);
  // 'close', not 'exit': all the output has been read by then.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let limit: NodeJS.Timeout | undefined;
  const ready = await new Promise<boolean>((resolve) => {
    limit = setTimeout(() => resolve(false), 60_000);
    child.once('message', () => resolve(true));
    void exited.then(() => resolve(false));
  }).finally(() => clearTimeout(limit));
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error(`host did not start:\n${output}`);
  }
  return {
    url: `http://127.0.0.1:${listen}`,
    port: listen,
    key,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    child,
    output: () => output,
    exited,
    kill: async (signal = 'SIGTERM') => {
      child.kill(signal);
      return exited;
    },
  };
}

/**
 * Two hosts on one store, started at once as a deployment's replicas may be, with one operator key between them
 * (written first, so the store is migrated before either starts). A start is mostly a Node process loading the
 * host: the two take two cores instead of one after the other.
 */
export async function startHostPair(env: Record<string, string>): Promise<[HostProcess, HostProcess]> {
  const key = await provisionKey(env);
  const started = await Promise.allSettled([
    startHostProcess(env, undefined, { key }),
    startHostProcess(env, undefined, { key }),
  ]);
  const hosts = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    for (const host of hosts) host.child.kill('SIGKILL');
    throw failed.reason;
  }
  return hosts as [HostProcess, HostProcess];
}

/** Run `work` over `items` with at most `concurrency` at once. */
export async function pool<T, R>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T);
      }
    }),
  );
  return results;
}
