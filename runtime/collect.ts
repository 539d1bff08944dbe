/**
 * Files and V8's garbage collector. Every chunk of a file that streams through a process is a new Buffer outside
 * V8's heap (Node's HTTP parser copies each one), and the streams allocate so little on the heap that V8's young
 * generation does not fill during a transfer: no minor collection comes, the dropped Buffers pile up to V8's
 * external-memory limit (about 64 MB), and each time a full collection marks the whole heap (the host's is about
 * 60 MB: the operations' schemas, the manifest). So a 200 MB transfer grew the host's RSS by 70–90 MB and spent
 * a fifth to a third of its time in full collections (docs/benchmarks.md, "Files").
 *
 * A process that moves files for others (the host, the CLI) turns on `collectDuringTransfers()`: then every
 * `COLLECT_EVERY_BYTES` of file bytes sent or received asks V8 for a minor collection (a scavenge of the young
 * generation, about a millisecond), which frees the dropped chunks long before the full collection would. Only
 * file transfers pace it: a process's other work (webhook deliveries, JSON calls) keeps V8's own schedule, which a
 * smaller young generation for the whole process (`--max-semi-space-size`) would not.
 *
 * Off by default: a library does not set V8 flags in its embedder's process (n8n, an agent), where
 * `transferred` does nothing.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** File bytes between two minor collections during transfers. */
export const COLLECT_EVERY_BYTES = 8 * 1024 * 1024;

type Collect = (options: { type: 'minor' }) => void;

let collect: Collect | undefined;
let pending = 0;
let requested = 0;

/**
 * Turn on the pacing for this process: expose V8's `gc` (as `--expose-gc` would) to a context of its own, so
 * that nothing else in the process sees it. Safe to call more than once; false where V8 does not allow it.
 */
export function collectDuringTransfers(): boolean {
  if (collect) return true;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc === 'function') collect = gc as Collect;
  } catch {
    collect = undefined;
  }
  return collect !== undefined;
}

/** Count `bytes` of a file sent or received; every `COLLECT_EVERY_BYTES`, a minor collection when turned on. */
export function transferred(bytes: number): void {
  if (!collect) return;
  pending += bytes;
  if (pending < COLLECT_EVERY_BYTES) return;
  pending %= COLLECT_EVERY_BYTES;
  requested += 1;
  collect({ type: 'minor' });
}

/** How many minor collections the transfers of this process asked for so far. */
export function pacedCollections(): number {
  return requested;
}
