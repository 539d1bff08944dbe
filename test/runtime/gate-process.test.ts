/** The rate gate's timer in a process of its own (test/runtime/ratelimit.test.ts has the gate in-process). */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('a call waiting at the gate', () => {
  it('keeps a process alive until it goes (a CLI whose calls all wait must not exit half done)', () => {
    // Nothing but the gate's timer is left in this child's event loop while the call waits.
    const code = `
      import { RateGate } from './runtime/ratelimit.ts';
      const gate = new RateGate();
      gate.observe(await gate.acquire(), { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0.3' }, 200);
      const started = Date.now();
      await gate.acquire();
      console.log('went after', Date.now() - started, 'ms');
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const waited = Number(/went after (\d+) ms/.exec(child.stdout)?.[1]);
    expect(waited).toBeGreaterThanOrEqual(250);
  });
});
