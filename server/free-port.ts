import { createServer } from 'node:net';

/**
 * Ports a free port is taken from: below Linux's ephemeral range (32768–60999 by default, what the system gives
 * outgoing connections and `listen(0)`), so that a port found free is not taken by a connection (a database
 * pool's, an HTTP client's) in the moment before whoever asked for it listens on it.
 */
const FIRST = 20_000;
const LAST = 32_767;

/** Whether `port` on `host` can be listened on now. */
function available(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port free on `host` now, for a process that listens on it next (the host with PORT=0, tests, benchmarks). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = FIRST + Math.floor(Math.random() * (LAST - FIRST + 1));
    if (await available(port, host)) return port;
  }
  throw new Error(`no free port on ${host} between ${FIRST} and ${LAST} after 100 tries`);
}
