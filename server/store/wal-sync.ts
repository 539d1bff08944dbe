import { closeSync, fsync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const fsyncAsync = promisify(fsync);

/**
 * Durable commits without blocking the event loop. The SQLite connection runs in WAL mode with
 * `synchronous = NORMAL`, where a commit is a write() to the `-wal` file and no fsync; `flush()` then fsyncs
 * that file on libuv's thread pool (fsync covers every write to the file, whichever descriptor made it). Once
 * `flush()` has resolved, everything committed before the call is on disk, as with `synchronous = FULL` — but
 * the 2 to 5 ms of the fsync no longer freeze the process: requests keep being parsed and the next batch of
 * deliveries commits meanwhile. Checkpoints keep NORMAL's own syncs (WAL before, database after).
 *
 * Flushes coalesce: calls made while one is in flight share the next one (the one in flight may have started
 * before their write reached the file), so a flood costs one fsync per round, not one per write.
 */
export class WalSync {
  private fd: number | undefined;
  private inFlight: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(private readonly walFile: string) {
    // The -wal file was just created: make its directory entry durable once, so an fsync of the file suffices.
    const dir = openSync(dirname(walFile), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }

  flush(): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.sync().finally(() => {
        this.inFlight = undefined;
      });
      return this.inFlight;
    }
    this.next ??= this.inFlight
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.flush();
      });
    return this.next;
  }

  private async sync(): Promise<void> {
    this.fd ??= openSync(this.walFile, 'r+');
    await fsyncAsync(this.fd);
  }

  /** Close the descriptor (after a last flush). */
  async close(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
    await this.next?.catch(() => undefined);
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
