import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startHostProcess } from '../helpers/process.js';
import { registerSecret } from '../helpers/secrets.js';

describe('the host process (server/main.ts)', () => {
  it('starts on the embedded store, serves /health, and exits cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-start-'));
    const host = await startHostProcess({ DATABASE_URL: `sqlite:${join(dir, 'c.db')}` });
    try {
      expect(await (await fetch(`${host.url}/health`)).json()).toEqual({ status: 'ok' });
      // The secret key is generated into the data folder with owner-only permissions.
      expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
      expect(await host.kill('SIGTERM')).toBe(0);
      // The folder and the database are the owner's only (customers' event data).
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'c.db')).mode & 0o777).toBe(0o600);
    } finally {
      host.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a first start on loopback prints one sign-in link with a working admin key, never in the log; once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-first-'));
    const env = { DATABASE_URL: `sqlite:${join(dir, 'c.db')}`, LOG_LEVEL: 'info' };
    const first = await startHostProcess(env, undefined, { key: null });
    try {
      // Written before the host said it is ready; its pipe may bring it a moment after the message.
      const link = await vi.waitFor(() => {
        const found = /(http:\/\/127\.0\.0\.1:\d+)\/playground#key=(pdk_[a-z2-7]{12}_[A-Za-z0-9_-]{43})/.exec(
          first.output(),
        );
        expect(found, first.output()).not.toBeNull();
        return found;
      });
      const key = link?.[2] as string;
      const lines = first
        .output()
        .split('\n')
        .filter((line) => line.includes(key));
      expect(lines).toHaveLength(1);
      expect(lines[0]?.trim().startsWith('{')).toBe(false);
      expect(link?.[1]).toBe(first.url);
      const listed = await fetch(`${first.url}/connections`, { headers: { authorization: `Bearer ${key}` } });
      expect(listed.status).toBe(200);
      const keys = await fetch(`${first.url}/keys`, { headers: { authorization: `Bearer ${key}` } });
      expect(keys.status, 'an admin key').toBe(200);
      expect(await first.kill('SIGTERM')).toBe(0);

      // Ready means it is past the point of printing a sign-in line; its whole output is read once it exits.
      const second = await startHostProcess(env, undefined, { key: null });
      expect(await second.kill('SIGTERM')).toBe(0);
      expect(second.output()).not.toContain('playground#key=');
      // Anywhere but the sign-in line, the key is a leak (the check of test/setup.ts skips that line only).
      registerSecret(key);
    } finally {
      first.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
