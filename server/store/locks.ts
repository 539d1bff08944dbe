import { AsyncLocalStorage } from 'node:async_hooks';

/** One `withLock` call that holds its key; `released` once its function is done. */
interface Frame {
  key: string;
  parent: Frame | undefined;
  released: boolean;
}

/**
 * Mutual exclusion per key within this process, for both stores' `withLock` (PostgreSQL takes an advisory lock
 * inside it, for the other hosts). Holders of one key run one after the other, in call order; different keys do
 * not wait for each other. Reentrant: a function that holds a key (and whatever it awaits, found through
 * AsyncLocalStorage) takes it again at once instead of waiting for itself. Work it leaves running after it
 * returned does not hold its keys any more.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly frames = new AsyncLocalStorage<Frame>();

  /** Whether the calling async flow is inside a `run` of `key` that has not returned yet. */
  private holds(key: string): boolean {
    for (let frame = this.frames.getStore(); frame; frame = frame.parent) {
      if (!frame.released && frame.key === key) return true;
    }
    return false;
  }

  /**
   * Run `fn` once every earlier holder of `key` is done. `guard` wraps the critical section (PostgreSQL: take
   * and release the advisory lock); it is skipped, like the wait, when the caller already holds the key.
   */
  async run<T>(
    key: string,
    fn: () => Promise<T>,
    guard: (fn: () => Promise<T>) => Promise<T> = (inner) => inner(),
  ): Promise<T> {
    if (this.holds(key)) return fn();
    const frame: Frame = { key, parent: this.frames.getStore(), released: false };
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(() =>
        this.frames.run(frame, () =>
          guard(fn).finally(() => {
            frame.released = true;
          }),
        ),
      );
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
