/**
 * What the second security review found (issue 21), the smaller items each with its test here: settings that
 * contradict each other (an engine URL with user info beside ENGINE_TOKEN, a replay window longer than retention).
 * The larger items have files of their own: sockets (sockets.test.ts), OAuth (oauth.test.ts), roles
 * (roles.test.ts), request limits (limits.test.ts), the first start (start.test.ts), the CLI (cli.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';

describe('settings that contradict each other are refused at start', () => {
  it('ENGINE_URL with user info and ENGINE_TOKEN: refused, naming both (each alone is fine)', () => {
    const engine = { ENGINE_URL: 'https://hook:pass-0123456789@engine.example/runs' };
    expect(() => loadConfig({ ...engine, ENGINE_TOKEN: 'engine-token-0123456789' })).toThrow(
      /ENGINE_URL carries user info.*ENGINE_TOKEN is set/,
    );
    expect(() => loadConfig({ ENGINE_URL: 'https://hook@engine.example/runs', ENGINE_TOKEN: 't' })).toThrow(
      /ENGINE_URL.*ENGINE_TOKEN/,
    );
    expect(loadConfig(engine).engineUrl).toBe(engine.ENGINE_URL);
    expect(
      loadConfig({ ENGINE_URL: 'https://engine.example/runs', ENGINE_TOKEN: 'engine-token-0123456789' })
        .engineToken,
    ).toBe('engine-token-0123456789');
  });

  it('a replay window (WEBHOOK_MAX_AGE_SECONDS, plus 5 minutes ahead) that outlasts RETENTION_DAYS is refused', () => {
    expect(() => loadConfig({ RETENTION_DAYS: '1', WEBHOOK_MAX_AGE_SECONDS: '604800' })).toThrow(
      /WEBHOOK_MAX_AGE_SECONDS \(604800\).*RETENTION_DAYS \(1\)/,
    );
    // A day exactly, plus the skew: still past a day.
    expect(() => loadConfig({ RETENTION_DAYS: '1', WEBHOOK_MAX_AGE_SECONDS: '86400' })).toThrow(
      /outlasts RETENTION_DAYS/,
    );
    expect(loadConfig({ RETENTION_DAYS: '1', WEBHOOK_MAX_AGE_SECONDS: '86100' }).webhookMaxAgeSeconds).toBe(
      86_100,
    );
    expect(loadConfig({ RETENTION_DAYS: '8', WEBHOOK_MAX_AGE_SECONDS: '604800' }).retentionDays).toBe(8);
    // The defaults (an hour, 30 days) go together.
    expect(loadConfig({}).webhookMaxAgeSeconds).toBe(3600);
  });
});
