import { afterEach, describe, expect, it } from 'vitest';
import { loggerOptions } from '../../server/logging.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { connect, deliver, subscribe } from '../helpers/triggers.js';

describe('the host log', () => {
  let host: TestHost | undefined;
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  it('is readable (pino-pretty) when stdout is a terminal, JSON lines otherwise', () => {
    const tty = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
    try {
      Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true });
      expect(loggerOptions('info')).toMatchObject({ transport: { target: 'pino-pretty' } });
      Object.defineProperty(process.stdout, 'isTTY', { value: false, configurable: true });
      expect(loggerOptions('info')).not.toHaveProperty('transport');
    } finally {
      if (tty) Object.defineProperty(process.stdout, 'isTTY', tty);
      else delete (process.stdout as { isTTY?: boolean }).isTTY;
    }
  });

  it('at the default level: one line per request, one per delivery with its event ID and outcome', async () => {
    host = await startTestHost({ LOG_LEVEL: 'info' });
    const connectionId = await connect(host);
    const s = await subscribe(host, connectionId, 'new_deal');
    const lines = () =>
      host
        ?.logs()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)) ?? [];
    const before = lines().length;
    const answer = await deliver(host, s);
    expect(answer.statusCode).toBe(200);
    const logged = lines().slice(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      msg: 'delivery',
      subscription_id: s.id,
      event_id: answer.json().event_id,
      outcome: 'accepted',
      attempt: 1,
    });
    const listed = lines().length;
    await host.inject({ url: `/runs?subscription_id=${s.id}&cursor=1&api_token=secret-looking-0123456789` });
    const request = lines().slice(listed);
    expect(request).toHaveLength(1);
    // (Refused: `api_token` is no parameter of /runs. Logged all the same, its value redacted.)
    expect(request[0]).toMatchObject({ msg: 'request', method: 'GET', status: 400 });
    expect(request[0].url).toContain('api_token=[redacted]');
  });
});
