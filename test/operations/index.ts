import { readdirSync } from 'node:fs';
import type { OperationCase } from './harness.js';

/**
 * Every operation's request/response cases: each file of `cases/` default-exports the cases of one resource (or
 * family), and is picked up here by itself; adding a family's exact-request tests is adding its file.
 */
const folder = new URL('./cases/', import.meta.url);
const files = readdirSync(folder)
  .filter((name) => name.endsWith('.ts'))
  .sort();

export const allCases: OperationCase[] = (
  await Promise.all(
    files.map(async (name) => (await import(new URL(name, folder).href)) as { default: OperationCase[] }),
  )
).flatMap((module) => module.default);
