/**
 * Files pace V8's minor collections in a process that turned it on (runtime/collect.ts): every
 * COLLECT_EVERY_BYTES of a file sent or received, one scavenge, seen here as V8's own `gc` performance entries.
 * Without it a 200 MB transfer made no scavenge at all and piled its dropped chunks up to a full collection
 * (docs/benchmarks.md, "Files").
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector, { type FileOutput } from '../../index.js';
import {
  COLLECT_EVERY_BYTES,
  collectDuringTransfers,
  pacedCollections,
  transferred,
} from '../../runtime/collect.js';
import { ok } from '../fixtures/entities.js';
import { fileRecord } from '../fixtures/files.js';
import { API, TOKEN, tokenCtx } from '../helpers/context.js';
import { untilAtLeast } from '../helpers/wait.js';

const MB = 1024 * 1024;

/** What V8 does for a requested minor collection: a scavenge, or a full collection when it wants one anyway. */
const COLLECTING = new Set<number>([
  constants.NODE_PERFORMANCE_GC_MINOR,
  constants.NODE_PERFORMANCE_GC_MAJOR,
]);

/**
 * The collections V8 reports while `run` runs, once at least `expected` have been reported (V8 delivers its
 * entries on a later turn of the event loop, later still on a busy machine), or as many as came within 5 s.
 * Full collections count too: under load V8 now and then does one in place of a requested scavenge (measured on
 * Node 24 with both cores busy: 1 to 3 in 1,200 requests), which frees the dropped chunks as well.
 */
async function collectionsDuring(expected: number, run: () => Promise<void>): Promise<number> {
  let count = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind !== undefined && COLLECTING.has(kind)) count += 1;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    await run();
    await untilAtLeast(() => count, expected);
    return count;
  } finally {
    observer.disconnect();
  }
}

/** `size` bytes in 64 KiB chunks, made as they are read. */
const bytes = (size: number) =>
  Readable.from(
    (function* () {
      const chunk = Buffer.alloc(64 * 1024, 1);
      for (let left = size; left > 0; left -= chunk.length)
        yield chunk.subarray(0, Math.min(left, chunk.length));
    })(),
  );

describe('minor collections paced by file bytes', () => {
  beforeAll(() => {
    expect(collectDuringTransfers()).toBe(true);
    // Again: a second call changes nothing.
    expect(collectDuringTransfers()).toBe(true);
  });
  afterAll(() => nock.cleanAll());

  it('asks V8 for one scavenge every COLLECT_EVERY_BYTES counted', async () => {
    // What earlier files transferred in this process left a remainder under COLLECT_EVERY_BYTES: a whole
    // COLLECT_EVERY_BYTES is one collection from any remainder, and so are two halves of one.
    const before = pacedCollections();
    const collections = await collectionsDuring(3, async () => {
      transferred(COLLECT_EVERY_BYTES);
      transferred(COLLECT_EVERY_BYTES / 2);
      transferred(COLLECT_EVERY_BYTES / 2);
      transferred(COLLECT_EVERY_BYTES);
    });
    expect(pacedCollections()).toBe(before + 3);
    // V8's own entries: the scavenges happen (these calls allocate nothing that would make one by themselves).
    expect(collections).toBeGreaterThanOrEqual(3);
  });

  it('counts a download as it streams through', async () => {
    const size = 4 * COLLECT_EVERY_BYTES;
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(size) });
      void pipeline(bytes(size), res).catch(() => {});
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      let received = 0;
      const before = pacedCollections();
      const collections = await collectionsDuring(4, async () => {
        const output = (await connector.execute(
          'download_file',
          { id: 1 },
          { auth: { type: 'api_token', apiToken: TOKEN, apiUrl } },
        )) as FileOutput;
        for await (const chunk of output.data) received += (chunk as Buffer).length;
      });
      expect(received).toBe(size);
      // Four times COLLECT_EVERY_BYTES, from any remainder under it: four collections.
      expect(pacedCollections() - before).toBe(4);
      expect(collections).toBeGreaterThanOrEqual(4);
    } finally {
      server.close();
    }
  });

  it('counts an upload as its multipart body is sent', async () => {
    const size = 4 * COLLECT_EVERY_BYTES;
    let received = 0;
    nock(API)
      .post('/v1/files')
      .reply(async (req: Request) => {
        received = (await req.arrayBuffer()).byteLength;
        return [201, ok(fileRecord(1))];
      });
    const before = pacedCollections();
    const collections = await collectionsDuring(4, async () => {
      await connector.execute(
        'add_file',
        { deal_id: 1, file: { data: bytes(size), name: 'big.bin', size } },
        tokenCtx({ maxFileBytes: 2 * size }),
      );
    });
    // The file and the few hundred bytes of the other parts.
    expect(received).toBeGreaterThan(size);
    expect(received).toBeLessThan(size + MB);
    // The file's bytes and those of the other parts: four collections, perhaps a fifth.
    expect(pacedCollections() - before).toBeGreaterThanOrEqual(4);
    expect(collections).toBeGreaterThanOrEqual(4);
  });
});
