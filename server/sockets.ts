/**
 * The host's connections, as a host on the internet needs them:
 *
 * - A connection that does not send a whole request within REQUEST_TIMEOUT_MS, a silent one included, is refused
 *   by Node's own check (`headersTimeout` counts from the connection's start; `requestTimeout`; checked every
 *   `connectionsCheckingInterval`): its 408 is written and the connection destroyed a second later
 *   (`closeWithError`, server/http.ts), also when the client neither reads nor closes. Node's HTTP server keeps
 *   sockets half-open: a connection only ended would stay open as long as the client wished.
 * - At most MAX_CONNECTIONS_PER_ADDRESS connections of one client address are open at once; more are closed as
 *   they arrive, so that one address cannot take the connections Pipedrive's deliveries need.
 * - On shutdown, connections that have not sent a request are closed at once: nothing of theirs is in flight.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../runtime/context.js';

/** Warnings of refused connections: at most one a minute per address. */
const WARN_EVERY_MS = 60_000;

export function limitSockets(server: Server, perAddress: number, logger: Logger): { closeSilent(): void } {
  /** Connections that have not sent a request yet. */
  const silent = new Set<Socket>();
  const open = new Map<string, number>();
  const warned = new Map<string, number>();

  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    if (perAddress > 0) {
      const count = (open.get(address) ?? 0) + 1;
      if (count > perAddress) {
        socket.destroy();
        const now = Date.now();
        if ((warned.get(address) ?? 0) + WARN_EVERY_MS <= now) {
          if (warned.size > 10_000) warned.clear();
          warned.set(address, now);
          logger.warn(
            { address, open: perAddress },
            'connection refused: this address holds MAX_CONNECTIONS_PER_ADDRESS connections already',
          );
        }
        return;
      }
      open.set(address, count);
      socket.once('close', () => {
        const left = (open.get(address) ?? 1) - 1;
        if (left > 0) open.set(address, left);
        else open.delete(address);
      });
    }
    silent.add(socket);
    socket.once('close', () => silent.delete(socket));
  });

  server.on('request', (request) => {
    silent.delete(request.socket);
  });

  return {
    closeSilent() {
      for (const socket of silent) socket.destroy();
      silent.clear();
    },
  };
}
