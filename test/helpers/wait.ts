import { expect, vi } from 'vitest';

/**
 * Wait (at most 5 s) until `count()` reaches `expected`, for figures that arrive on a later turn of the event loop
 * or later still on a busy machine (requests a local stub reads, V8's gc entries). It never throws: the caller then
 * asserts the exact figure, so a shortfall (or an excess) fails there with the real count.
 */
export async function untilAtLeast(count: () => number, expected: number): Promise<void> {
  await vi.waitFor(() => expect(count()).toBeGreaterThanOrEqual(expected), { timeout: 5000 }).catch(() => {});
}
