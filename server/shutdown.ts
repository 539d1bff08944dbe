import type { FastifyInstance } from 'fastify';
import type { Store } from './store/types.js';

export interface ShutdownOptions {
  /** How long in-flight requests may run on before their connections are closed (default 10 s). */
  drainMs?: number;
  /** Exit with 1 when the whole shutdown takes longer than this (default 30 s). */
  limitMs?: number;
  exit?: (code: number) => void;
}

/**
 * Graceful shutdown on SIGTERM and SIGINT, in this order:
 * 1. stop accepting connections; requests that arrive on open connections get 503 (fastify's `close()`);
 * 2. let the requests in flight finish, for up to `drainMs`, then close their connections;
 * 3. stop the run dispatcher once the deliveries under way are done (its `onClose` hook);
 * 4. close the store and exit 0.
 * A second signal, or a shutdown that outlasts `limitMs`, exits at once with 1.
 */
export function closeOnSignals(app: FastifyInstance, store: Store, options: ShutdownOptions = {}): void {
  const { drainMs = 10_000, limitMs = 30_000, exit = (code: number) => process.exit(code) } = options;
  let closing = false;

  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) {
      app.log.warn({ signal }, 'second signal: exiting without waiting');
      return exit(1);
    }
    closing = true;
    app.log.info({ signal }, 'shutting down: no new connections; finishing the requests in flight');
    const limit = setTimeout(() => {
      app.log.error({ limit_ms: limitMs }, 'shutdown took too long; exiting');
      exit(1);
    }, limitMs);
    // A connection whose request is done is closed as soon as it is idle, not after keep-alive's timeout.
    const idle = setInterval(() => app.server.closeIdleConnections(), 100);
    const drain = setTimeout(() => {
      app.log.warn(
        { drain_ms: drainMs },
        'requests still running after the drain time; closing their connections',
      );
      app.server.closeAllConnections();
    }, drainMs);
    try {
      await app.close();
      await store.close();
      app.log.info('shut down');
      exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      exit(1);
    } finally {
      clearTimeout(limit);
      clearTimeout(drain);
      clearInterval(idle);
    }
  };

  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
