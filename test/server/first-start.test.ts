/**
 * The first start (server/first-start.ts) and its sign-in link (server/signin.ts): the key is printed to a
 * terminal only, and the link carries a one-time code the playground exchanges for the key (`POST /signin`), so
 * that the copy in the browser's history is worth nothing. The process-level case (stdout a pipe: the key in a
 * 0600 file, never in the log) is in start.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { firstStart, MAKE_KEY } from '../../server/first-start.js';
import { SIGN_IN_CODE_SECONDS, SignInCodes } from '../../server/signin.js';
import { startTestHost, type TestHost } from '../helpers/host.js';

/** A stdout that is a terminal (or not), keeping what is written. */
function terminal(isTTY: boolean) {
  let text = '';
  return {
    isTTY,
    write: (chunk: string | Uint8Array) => {
      text += chunk.toString();
      return true;
    },
    text: () => text,
  };
}

const LINK = /^ {2}(http:\/\/\S+)\/playground#code=([A-Za-z0-9_-]{43})$/m;
const KEY = /^ {2}(pdk_[a-z2-7]{12}_[A-Za-z0-9_-]{43})$/m;

describe('the first start on a terminal: a one-time sign-in link', () => {
  let host: TestHost;

  /** A host whose store has no valid key, as a fresh clone's first `npm start` finds it. */
  const emptyHost = async (env: Record<string, string> = {}) => {
    host = await startTestHost({ HOST: '127.0.0.1', ...env });
    expect(await host.store.revokeApiKey(host.key.split('_')[1] as string, new Date())).toBe(true);
    return host;
  };
  const exchange = (code: string) =>
    host.inject({ method: 'POST', url: '/signin', payload: { code }, key: null });

  afterEach(async () => {
    vi.useRealTimers();
    await host?.close();
  });

  it('prints a link with a code and the key; the code gives the key once, then is refused', async () => {
    await emptyHost();
    const out = terminal(true);
    await firstStart(host.app, host.store, host.config, out);
    const link = LINK.exec(out.text());
    const printed = KEY.exec(out.text())?.[1];
    expect(link, out.text()).not.toBeNull();
    expect(link?.[1]).toBe(host.config.publicUrl);
    expect(out.text()).not.toContain('#key=');
    expect(out.text()).toContain(`\`${MAKE_KEY}\``);
    const code = link?.[2] as string;

    const first = await exchange(code);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ key: printed });
    // The key is a host operator's of the default workspace.
    const keys = await host.inject({ url: '/keys', key: printed as string });
    expect(keys.statusCode).toBe(200);
    expect(keys.json().keys).toContainEqual(
      expect.objectContaining({ operator: true, workspace_id: 'default', label: 'first start' }),
    );

    // The link in the browser's history, opened again: refused, and no key in the answer.
    const again = await exchange(code);
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ path: 'code', message: 'is not valid' }] },
    });
    expect(again.body).not.toContain(printed);
    // Neither the key nor the code is logged.
    expect(host.logs()).not.toContain(printed);
    expect(host.logs()).not.toContain(code);

    // A start with a key in the store makes none: it prints where the playground is and how to sign in.
    const keyCount = async () =>
      (await host.inject({ url: '/keys', key: printed as string })).json().keys.length as number;
    const before = await keyCount();
    const later = terminal(true);
    await firstStart(host.app, host.store, host.config, later);
    expect(later.text()).toBe(
      `\nPlayground: ${host.config.publicUrl}/playground\n` +
        'Sign in there with a host API key (the first start printed one). Lost it? Make another with:\n' +
        `  ${MAKE_KEY}\n\n`,
    );
    expect(await keyCount()).toBe(before);
  });

  it('a wrong code counts as a failed attempt of the address: after AUTH_FAILURES_PER_MINUTE, 429 even for the right one', async () => {
    await emptyHost({ AUTH_FAILURES_PER_MINUTE: '3' });
    const out = terminal(true);
    await firstStart(host.app, host.store, host.config, out);
    const code = LINK.exec(out.text())?.[2] as string;
    for (let i = 0; i < 3; i++) expect((await exchange(`guess-${i}`)).statusCode).toBe(400);
    const refused = await exchange(code);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(refused.headers['retry-after']).toBeDefined();
  });

  it('a code expires after SIGN_IN_CODE_SECONDS, and the key it held is forgotten', () => {
    vi.useFakeTimers();
    const codes = new SignInCodes();
    const { code } = codes.offer('pdk_aaaaaaaaaaaa_not-a-real-key-but-long-enough');
    const other = codes.offer('pdk_bbbbbbbbbbbb_not-a-real-key-but-long-enough').code;
    vi.advanceTimersByTime(SIGN_IN_CODE_SECONDS * 1000 - 1);
    expect(codes.take(other)).toBe('pdk_bbbbbbbbbbbb_not-a-real-key-but-long-enough');
    vi.advanceTimersByTime(1);
    expect(codes.take(code)).toBeUndefined();
  });

  it.each([
    [
      'stdout not a terminal and no data folder (PostgreSQL)',
      false,
      { databaseUrl: 'postgres://db.example/x' },
    ],
    ['not on a loopback address', true, { host: '0.0.0.0' }],
  ])('%s: no key is made, the log names the command that makes one', async (_case, isTTY, config) => {
    await emptyHost();
    const out = terminal(isTTY);
    await firstStart(host.app, host.store, { ...host.config, ...config }, out);
    expect(out.text()).toBe('');
    expect(await host.store.hasActiveApiKey()).toBe(false);
    expect(host.logs()).toContain(`\`${MAKE_KEY}\``);
  });
});
