import { closeSync, fsync, fsyncSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';

const fsyncAsync = promisify(fsync);

/**
 * Durable commits without blocking the event loop. The SQLite connection runs in WAL mode with
 * `synchronous = NORMAL`, where a commit is a write() to the `-wal` file and no fsync; `flush()` then fsyncs
 * that file on libuv's thread pool (fsync covers every write to the file, whichever descriptor made it). Once
 * `flush()` has resolved, everything committed before the call is on disk, as with `synchronous = FULL` — but
 * the 2 to 5 ms of the fsync no longer freeze the process: requests keep being parsed and the next batch of
 * deliveries commits meanwhile. Checkpoints (see Checkpointer) keep their own syncs (WAL before, database after).
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

/**
 * The worker's code (CommonJS, run with `eval`, so that it works from `dist/` and from the TypeScript sources
 * alike): its own connection to the database runs a PASSIVE checkpoint every `intervalMs`. PASSIVE never waits
 * for the writer and never makes it wait; the writer starts the WAL over once a checkpoint has copied all of it.
 */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit that crosses 1,000 WAL
 * pages: it copies the WAL into the database and fsyncs both, for tens of milliseconds during which the
 * process answers nothing (the benchmark's p99). With `wal_autocheckpoint = 0` on the main connection, this
 * worker thread does that work on its own connection instead. Started at the first write, so that a store that
 * is only read costs no thread.
 */
export class Checkpointer {
  private readonly worker: Worker;
  private stopped: Promise<number> | undefined;

  constructor(file: string, onError: (message: string) => void, intervalMs = 200) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(CHECKPOINTER, { eval: true, workerData: { file, driver, intervalMs } });
    this.worker.on('message', (message: { error?: string }) => {
      if (message.error) onError(message.error);
    });
    this.worker.on('error', (error) => onError(error.message));
    // An unclosed store must not keep the process alive.
    this.worker.unref();
  }

  /** Stop the worker and close its connection; the main connection's close then checkpoints what is left. */
  async close(): Promise<void> {
    this.stopped ??= new Promise<number>((resolve) => {
      // Held open until the worker is gone, or a process closing its store last would exit before it had.
      this.worker.ref();
      this.worker.once('exit', resolve);
      this.worker.postMessage('stop');
    });
    await this.stopped;
  }
}
