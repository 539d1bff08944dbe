/**
 * A free port for a process to listen on next (server/free-port.ts): taken below the system's ephemeral range, so
 * that no outgoing connection takes it first (a two-host test once failed with EADDRINUSE so).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../server/free-port.js';

describe('freePort', () => {
  it('gives a port below the ephemeral range that can be listened on', async () => {
    const [ephemeralFirst] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/);
    const ports = await Promise.all(Array.from({ length: 5 }, () => freePort()));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(Number(ephemeralFirst));
    }
    const port = ports[0] as number;
    const server = createServer();
    await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
    try {
      expect((server.address() as { port: number }).port).toBe(port);
      // While it is taken, it is not given again.
      const others = await Promise.all(Array.from({ length: 20 }, () => freePort()));
      expect(others).not.toContain(port);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});
