/**
 * The pace of the host's polls (issue 25): the subscription's interval, stretched when the company's daily token
 * budget runs low, and held until the next UTC day once it is spent.
 */
import { describe, expect, it } from 'vitest';
import type { UsageSummary } from '../../runtime/usage.js';
import { nextPollDelay } from '../../server/poller.js';

const MINUTE = 60_000;
const NOW = Date.parse('2026-12-05T18:00:00Z');

function summary(state: UsageSummary['state'], usedShare: number | null): UsageSummary {
  return {
    day: '2026-12-05',
    tokens: 100,
    calls: 10,
    unpriced_calls: 0,
    budget:
      usedShare === null
        ? null
        : {
            limit: 1000,
            remaining: 1000 * (1 - usedShare),
            requests_left: null,
            seen_at: '2026-12-05T17:59:00Z',
          },
    used_share: usedShare,
    state,
    slow_down: state === 'low' || state === 'spent',
  };
}

describe('the next poll of a subscription', () => {
  it('is due after its interval while the budget is fine, unknown, or its usage could not be read', () => {
    expect(nextPollDelay(5 * MINUTE, { connection: summary('ok', 0.5), company: null }, NOW)).toBe(
      5 * MINUTE,
    );
    expect(nextPollDelay(5 * MINUTE, { connection: summary('unknown', null), company: null }, NOW)).toBe(
      5 * MINUTE,
    );
    expect(nextPollDelay(5 * MINUTE, undefined, NOW)).toBe(5 * MINUTE);
  });

  it("waits longer as the company's budget runs low: twice the interval at 90% used, up to 20 times", () => {
    const low = { connection: summary('ok', 0.1), company: { company_id: 7, ...summary('low', 0.9) } };
    expect(nextPollDelay(5 * MINUTE, low, NOW)).toBe(10 * MINUTE);
    const nearlyGone = {
      connection: summary('ok', 0.1),
      company: { company_id: 7, ...summary('low', 0.999) },
    };
    expect(nextPollDelay(5 * MINUTE, nearlyGone, NOW)).toBe(100 * MINUTE);
  });

  it('reads the connection where its user has no company', () => {
    expect(nextPollDelay(5 * MINUTE, { connection: summary('low', 0.9), company: null }, NOW)).toBe(
      10 * MINUTE,
    );
  });

  it('waits for the next UTC day once the budget is spent', () => {
    const spent = { connection: summary('ok', 0.2), company: { company_id: 7, ...summary('spent', 1) } };
    expect(nextPollDelay(5 * MINUTE, spent, NOW)).toBe(6 * 60 * MINUTE);
  });
});
