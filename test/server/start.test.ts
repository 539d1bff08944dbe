import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { MAKE_KEY } from '../../server/first-start.js';
import { startHostProcess } from '../helpers/process.js';
import { registerSecret } from '../helpers/secrets.js';

const BIN = 'bin/pipedrive-connector.js';

/** The first JSON log line of `output` that contains `text`. */
const logLine = (output: string, text: string): unknown =>
  JSON.parse(output.split('\n').find((l) => l.includes(text)) as string);

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

  it('PORT=0 without PUBLIC_URL: listens on a free port and names that port, not 0, as its address', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-port0-'));
    const host = await startHostProcess({
      DATABASE_URL: `sqlite:${join(dir, 'c.db')}`,
      LOG_LEVEL: 'info',
      PORT: '0',
    });
    try {
      // The log line comes through stdout, the ready message through IPC: either may come first.
      await vi.waitFor(() => expect(host.output()).toContain('host ready'), { timeout: 10_000 });
      const { public_url } = logLine(host.output(), 'host ready') as { public_url: string };
      const port = Number(new URL(public_url).port);
      expect(port).toBeGreaterThan(0);
      expect(public_url).toBe(`http://127.0.0.1:${port}`);
      expect(await (await fetch(`${public_url}/health`)).json()).toEqual({ status: 'ok' });
      expect(await host.kill('SIGTERM')).toBe(0);
    } finally {
      host.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a first start with stdout not a terminal: the key only in a 0600 file, the log says where; the command it names works', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-first-'));
    const env = { DATABASE_URL: `sqlite:${join(dir, 'c.db')}`, LOG_LEVEL: 'info' };
    // stdout is a pipe here, as under a service manager or `npm start > host.log`.
    const first = await startHostProcess(env, undefined, { key: null });
    try {
      const file = join(dir, 'first-start.key');
      await vi.waitFor(() => expect(first.output()).toContain('first start:'), { timeout: 10_000 });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const key = readFileSync(file, 'utf8').trim();
      expect(key).toMatch(/^pdk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
      // Anywhere in the output (the log included) the key is a leak (checked after the file, test/setup.ts).
      registerSecret(key);
      expect(first.output()).not.toContain(key);
      expect(first.output()).not.toContain('#key=');
      const line = logLine(first.output(), 'first start:') as { file: string; msg: string };
      expect(line.file).toBe(file);
      // A host operator's key of the default workspace.
      const keys = await fetch(`${first.url}/keys`, { headers: { authorization: `Bearer ${key}` } });
      expect(keys.status).toBe(200);
      expect(((await keys.json()) as { keys: unknown[] }).keys).toEqual([
        expect.objectContaining({ operator: true, workspace_id: 'default', label: 'first start' }),
      ]);
      expect(await first.kill('SIGTERM')).toBe(0);

      // The command the line names to make more keys works as printed (issue 26: it once lacked --workspace).
      const command = /`npx pipedrive-connector ([^`]+)`/.exec(line.msg)?.[1];
      expect(command, line.msg).toBe(MAKE_KEY.replace('npx pipedrive-connector ', ''));
      const made = spawnSync(process.execPath, [BIN, ...(command as string).split(' ')], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
      expect(made.status, made.stderr).toBe(0);
      const another = made.stdout.trim();
      registerSecret(another);
      expect(another).toMatch(/^pdk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);

      // Once: a start with keys in the store makes none and writes no file.
      rmSync(file);
      const second = await startHostProcess(env, undefined, { key: null });
      const listed = await fetch(`${second.url}/keys`, { headers: { authorization: `Bearer ${another}` } });
      expect(((await listed.json()) as { keys: unknown[] }).keys).toHaveLength(2);
      expect(await second.kill('SIGTERM')).toBe(0);
      expect(existsSync(file)).toBe(false);
      expect(second.output()).not.toContain('first start:');
      // A later start says where the playground is and how to sign in, in one log line, with the command that
      // makes a key (run as printed); no key is in it.
      const hint = logLine(second.output(), '"playground"') as { playground: string; msg: string };
      expect(hint.playground).toBe(`${second.url}/playground`);
      expect(hint.msg).toContain(`sign in with a host API key; make one with \`${MAKE_KEY}\``);
      const printed = /`npx pipedrive-connector ([^`]+)`/.exec(hint.msg)?.[1] as string;
      const third = spawnSync(process.execPath, [BIN, ...printed.split(' ')], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
      expect(third.status, third.stderr).toBe(0);
      registerSecret(third.stdout.trim());
      expect(third.stdout.trim()).toMatch(/^pdk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
    } finally {
      first.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
