import { describe, expect, it } from 'vitest';
import { operations } from '../../operations/index.js';
import { checkCase } from './harness.js';
import { allCases } from './index.js';

describe('each operation sends exactly the documented request', () => {
  it.each(allCases.map((c) => [c.title ? `${c.op} (${c.title})` : c.op, c] as const))(
    '%s',
    async (_name, c) => {
      await checkCase(c);
    },
  );

  it('every operation has a case', () => {
    const covered = new Set(allCases.map((c) => c.op));
    expect(operations.map((op) => op.name).filter((name) => !covered.has(name))).toEqual([]);
  });
});
