import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHostProcess } from '../helpers/process.js';

describe('the host process (server/main.ts)', () => {
  it('starts on the embedded store, serves /health, and exits cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-start-'));
    const host = await startHostProcess({ DATABASE_URL: `sqlite:${join(dir, 'c.db')}` });
    try {
      expect(await (await fetch(`${host.url}/health`)).json()).toEqual({ status: 'ok' });
      // The secret key is generated into the data folder with owner-only permissions.
      expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
      expect(await host.kill('SIGTERM')).toBe(0);
    } finally {
      host.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
