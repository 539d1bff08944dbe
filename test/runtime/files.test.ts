/**
 * Files through the runtime: the exact multipart body got sends (parts, names, content types, bytes), every kind
 * of file input (bytes, Blob, a file on disk, a stream of known or unknown length, base64), the limit and the
 * content type checked before anything is sent (or the stream cut off past the limit), retries only where the
 * body can be sent again, and downloads as streams with their name, type and length, redirects without the
 * credentials, and Pipedrive's errors.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import nock from 'nock';
import { afterAll, describe, expect, it } from 'vitest';
import connector, { ConnectorError, type FileOutput, fileFields, isFileOutput } from '../../index.js';
import { fileFromPath, isFileTooLarge } from '../../runtime/files.js';
import { ok } from '../fixtures/entities.js';
import { fileRecord, productImage } from '../fixtures/files.js';
import { API, TOKEN, tokenCtx } from '../helpers/context.js';
import { parseBody } from '../helpers/request-body.js';

const fast = tokenCtx({ retry: { backoffLimitMs: 5 } });
const dir = mkdtempSync(join(tmpdir(), 'files-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as ConnectorError,
  );

interface Upload {
  raw: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

/** Answer uploads to `path` with `reply` (status, body), keeping each request's raw body and headers. */
/** Run `test` against a local Pipedrive answering with `handler` (at `apiUrl`), closed afterwards. */
async function withPipedrive(handler: RequestListener, test: (apiUrl: string) => Promise<void>) {
  const server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  try {
    await test(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.close();
  }
}

function uploads(path: string, replies: [number, unknown][], method: 'post' | 'put' = 'post') {
  const seen: Upload[] = [];
  let scope = nock(API);
  for (const [status, body] of replies) {
    scope = scope[method](path).reply(async (req: Request) => {
      seen.push({ raw: Buffer.from(await req.arrayBuffer()), headers: Object.fromEntries(req.headers) });
      return [status, body as nock.Body];
    });
  }
  return { seen, scope };
}

const boundaryOf = (upload: Upload) =>
  /boundary=(.+)$/.exec(String(upload.headers['content-type']))?.[1] as string;

describe('uploads', () => {
  it('send one multipart/form-data body: the fields, then the file with its name and type, exactly', async () => {
    const { seen, scope } = uploads('/v1/files', [[200, ok(fileRecord(501))]]);
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x0d, 0x0a]);
    const output = await connector.execute(
      'add_file',
      { file: { data: bytes, name: 'Hinnapakkumine "2026".pdf' }, deal_id: 101, lead_id: undefined },
      tokenCtx(),
    );
    expect(output).toMatchObject({ data: { id: 501 } });
    scope.done();
    const [upload] = seen as [Upload];
    const boundary = boundaryOf(upload);
    expect(boundary).toMatch(/^form-data-encoder-\w+$/);
    const expected = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="deal_id"\r\n\r\n101\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="Hinnapakkumine %222026%22.pdf"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n\r\n`),
    ]);
    expect(upload.raw.equals(expected), upload.raw.toString('latin1')).toBe(true);
    expect(upload.headers['content-length']).toBe(String(expected.length));
    expect(upload.headers['x-api-token']).toBe(TOKEN);
  });

  it('take a Blob, a file on disk, a stream of known or unknown length: the same bytes arrive', async () => {
    const content = Buffer.from('Leping: 12 kuud, 1200 EUR kuus.\n'.repeat(2000));
    const path = join(dir, 'leping.txt');
    writeFileSync(path, content);
    const inputs: [string, unknown, boolean][] = [
      ['Blob', new File([content], 'leping.txt', { type: 'text/plain' }), true],
      ['path', await fileFromPath(path), true],
      [
        'stream of known size',
        { data: Readable.from([content]), name: 'leping.txt', size: content.length },
        true,
      ],
      ['stream of unknown size', { data: Readable.from([content]), name: 'leping.txt' }, false],
    ];
    for (const [kind, file, sized] of inputs) {
      const { seen, scope } = uploads('/v1/files', [[200, ok(fileRecord(501))]]);
      await connector.execute('add_file', { file, person_id: 201 }, tokenCtx());
      scope.done();
      const [upload] = seen as [Upload];
      const body = await parseBody(upload.raw, upload.headers['content-type']);
      expect(body.form, kind).toEqual({ person_id: '201' });
      expect(body.files?.file?.name, kind).toBe('leping.txt');
      expect(body.files?.file?.type, kind).toBe('text/plain');
      expect(body.files?.file?.content.equals(content), kind).toBe(true);
      // Without a known length, the body goes chunked.
      expect(upload.headers['content-length'] !== undefined, kind).toBe(sized);
    }
  });

  it('report progress as the file goes out', async () => {
    const { scope } = uploads('/v1/files', [[200, ok(fileRecord(501))]]);
    const progress: { transferred: number; total?: number }[] = [];
    await connector.execute(
      'add_file',
      { file: { data: Buffer.alloc(300_000, 7), name: 'big.bin' }, deal_id: 1 },
      tokenCtx({ onUploadProgress: (p) => progress.push(p) }),
    );
    scope.done();
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)?.transferred).toBe(progress.at(-1)?.total);
    expect(progress.at(-1)?.transferred).toBeGreaterThan(300_000);
  });

  it('send a Blob again after a 429, the same bytes; never a stream', async () => {
    const image = new File([Buffer.from('GIF89a picture bytes')], 'workshop.gif', { type: 'image/gif' });
    const retried = uploads('/api/v2/products/401/images', [
      [429, { success: false, error: 'Rate limit exceeded' }],
      [201, ok(productImage(401))],
    ]);
    await connector.execute('add_product_image', { id: 401, data: image }, fast);
    retried.scope.done();
    const [first, second] = retried.seen as [Upload, Upload];
    const files = await Promise.all(
      [first, second].map(async (u) => (await parseBody(u.raw, u.headers['content-type'])).files?.data),
    );
    expect(files[1]).toEqual(files[0]);
    expect(files[0]?.content.toString()).toBe('GIF89a picture bytes');

    const once = uploads('/api/v2/products/401/images', [
      [429, { success: false, error: 'Rate limit exceeded' }],
    ]);
    const stream = Readable.from([Buffer.from('GIF89a picture bytes')]);
    const error = await failure(
      connector.execute('add_product_image', { id: 401, data: { data: stream, type: 'image/gif' } }, fast),
    );
    expect(error.code).toBe('rate_limited');
    expect(once.seen).toHaveLength(1);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('send the file again with a refreshed OAuth token after a 401', async () => {
    const domain = 'https://acme.pipedrive.com';
    const files: string[] = [];
    const answer =
      (status: number, body: unknown) =>
      async (req: Request): Promise<[number, nock.Body]> => {
        files.push(await req.text());
        return [status, body as nock.Body];
      };
    nock(domain, { reqheaders: { authorization: 'Bearer old' } })
      .post('/v1/files')
      .reply(answer(401, { success: false, error: 'unauthorized access' }));
    nock(domain, { reqheaders: { authorization: 'Bearer new' } })
      .post('/v1/files')
      .reply(answer(200, ok(fileRecord(501))));
    const auth = {
      type: 'oauth2' as const,
      accessToken: 'old',
      apiDomain: domain,
      refresh: async () => ({ accessToken: 'new', apiDomain: domain }),
    };
    const file = new File(['Signed contract.'], 'contract.txt', { type: 'text/plain' });
    await connector.execute('add_file', { file, deal_id: 101 }, { auth });
    expect(files).toHaveLength(2);
    expect(files[1]).toContain('Signed contract.');
    expect(files[1]?.replace(/form-data-encoder-\w+/g, '')).toBe(
      files[0]?.replace(/form-data-encoder-\w+/g, ''),
    );

    // A stream is read once: after the refresh the 401 stands (the next call has the new token).
    nock(domain)
      .post('/v1/files')
      .reply(answer(401, { success: false, error: 'unauthorized access' }));
    const stream = Readable.from([Buffer.from('Signed contract.')]);
    const once = { ...auth, accessToken: 'old' };
    const error = await failure(
      connector.execute('add_file', { file: { data: stream, name: 'c.txt' }, deal_id: 101 }, { auth: once }),
    );
    expect(error.code).toBe('unauthorized');
    expect(files).toHaveLength(3);
    expect(once.accessToken).toBe('new');
  });

  it('refuse a file over the limit before anything is sent, naming the field (the host answers 413)', async () => {
    const cases: [string, Record<string, unknown>, number][] = [
      ['bytes', { file: Buffer.alloc(2048), deal_id: 1 }, 1024],
      ['Blob', { file: new Blob([Buffer.alloc(2048)]), deal_id: 1 }, 1024],
      ['declared size', { file: { data: Readable.from([]), size: 5000, name: 'a.bin' }, deal_id: 1 }, 1024],
    ];
    for (const [kind, input, maxFileBytes] of cases) {
      const error = await failure(connector.execute('add_file', input, tokenCtx({ maxFileBytes })));
      expect(error.code, kind).toBe('invalid_input');
      expect(isFileTooLarge(error), kind).toBe(true);
      expect(error.details.max_bytes, kind).toBe(1024);
      expect(
        error.details.issues?.map((i) => i.path),
        kind,
      ).toEqual(['file']);
    }
    // base64 in JSON is for small files only, whatever the limit.
    const big = Buffer.alloc(600 * 1024).toString('base64');
    const error = await failure(
      connector.execute('add_file', { file: { base64: big }, deal_id: 1 }, tokenCtx()),
    );
    expect(isFileTooLarge(error)).toBe(true);
    expect(error.message).toContain('multipart/form-data');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('cut a stream of unknown length off past the limit, with the same error', async () => {
    const received: number[] = [];
    await withPipedrive(
      (req, res) => {
        let bytes = 0;
        req.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        // The request ends cut off (or, were the limit not kept, whole): either way, what arrived is counted.
        req.on('close', () => received.push(bytes));
        req.on('end', () => res.end(JSON.stringify(ok(fileRecord(501)))));
      },
      async (apiUrl) => {
        const endless = new Readable({
          read() {
            this.push(Buffer.alloc(64 * 1024, 1));
          },
        });
        const error = await failure(
          connector.execute(
            'add_file',
            { file: { data: endless, name: 'endless.bin' }, deal_id: 1 },
            { auth: { type: 'api_token', apiToken: TOKEN, apiUrl }, maxFileBytes: 1024 * 1024 },
          ),
        );
        expect(error.code).toBe('invalid_input');
        expect(isFileTooLarge(error)).toBe(true);
        expect(error.details.issues?.map((i) => i.path)).toEqual(['file']);
        expect(endless.destroyed).toBe(true);
        // No more than the limit (and the part's headers) reached Pipedrive: the upload is aborted when the file
        // fails, often before its connection is even up (then nothing at all arrives).
        expect(received.every((bytes) => bytes <= 1024 * 1024 + 64 * 1024)).toBe(true);
      },
    );
  });

  it('refuse bad files naming the field: none, not a file, bad base64, a type Pipedrive does not take there', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['add_file', { deal_id: 1 }, 'file'],
      ['add_file', { file: 'contract.pdf', deal_id: 1 }, 'file'],
      ['add_file', { file: { name: 'a.pdf' }, deal_id: 1 }, 'file'],
      ['add_file', { file: { base64: 'not base64!', name: 'a.pdf' }, deal_id: 1 }, 'file.base64'],
      ['add_file', { file: { base64: 'YQ==', path: '/etc/passwd' }, deal_id: 1 }, 'file'],
      [
        'add_file',
        { file: { base64: 'YQ==', type: 'text/plain\r\nX-Injected: 1' }, deal_id: 1 },
        'file.type',
      ],
      ['add_file', { file: { base64: 'YQ==', name: 'a\nb.txt' }, deal_id: 1 }, 'file.name'],
      ['add_product_image', { id: 1, data: { base64: 'YQ==', name: 'notes.txt' } }, 'data.type'],
      ['add_person_picture', { id: 1, file: { base64: 'YQ==', type: 'image/webp' } }, 'file.type'],
      ['add_call_log_recording', { id: 'abc', file: { base64: 'YQ==', type: 'video/mp4' } }, 'file.type'],
    ];
    for (const [op, input, field] of cases) {
      const error = await failure(connector.execute(op, input, tokenCtx()));
      expect(error.code, `${op} ${field}`).toBe('invalid_input');
      expect(
        error.details.issues?.map((i) => i.path),
        `${op} ${JSON.stringify(input)}`,
      ).toEqual([field]);
    }
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("quote Pipedrive's errors: a conflict on a second recording, a missing deal", async () => {
    nock(API)
      .post('/v1/callLogs/3cde3b05/recordings')
      .reply(409, { success: false, error: 'Recording for this call already exists' })
      .post('/v1/files')
      .reply(404, { success: false, error: 'Deal not found' });
    const conflict = await failure(
      connector.execute(
        'add_call_log_recording',
        { id: '3cde3b05', file: { base64: 'SUQz', name: 'call.mp3' } },
        tokenCtx(),
      ),
    );
    expect(conflict.code).toBe('conflict');
    expect(conflict.message).toContain('Recording for this call already exists');
    const missing = await failure(
      connector.execute('add_file', { file: { base64: 'YQ==', name: 'a.txt' }, deal_id: 999 }, tokenCtx()),
    );
    expect(missing.code).toBe('not_found');
    expect(missing.message).toContain('Deal not found');
  });

  it('keep streams, Buffers and Blobs as they are while other fields are converted', async () => {
    const { seen, scope } = uploads('/v1/files', [[200, ok(fileRecord(501))]]);
    // Object.values of a large Buffer has one entry a byte: the input check must not walk it.
    const file = Buffer.alloc(5 * 1024 * 1024, 3);
    await connector.execute('add_file', { file, deal_id: '101' }, tokenCtx());
    scope.done();
    const body = await parseBody((seen[0] as Upload).raw, (seen[0] as Upload).headers['content-type']);
    expect(body.form).toEqual({ deal_id: '101' });
    expect(body.files?.file?.content.equals(file)).toBe(true);
    expect(body.files?.file?.name).toBe('file.bin');
  });
});

describe('downloads', () => {
  const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

  it('give a stream with the name, type and length of the answer; the request is exact', async () => {
    const content = Buffer.alloc(3 * 1024 * 1024, 9);
    const scope = nock(API, { reqheaders: { 'x-api-token': TOKEN } })
      .get('/v1/files/501/download')
      .reply(200, content, {
        'content-type': 'application/pdf',
        'content-disposition': 'attachment; filename="../../etc/contract.pdf"',
        'content-length': String(content.length),
      });
    const output = (await connector.execute('download_file', { id: '501' }, tokenCtx())) as FileOutput;
    expect(isFileOutput(output)).toBe(true);
    expect({ name: output.name, type: output.type, size: output.size }).toEqual({
      name: 'contract.pdf',
      type: 'application/pdf',
      size: content.length,
    });
    expect(sha256(await buffer(output.data))).toBe(sha256(content));
    scope.done();
  });

  it('name a file Pipedrive does not name after its type', async () => {
    nock(API).get('/v1/files/7/download').reply(200, 'a,b\n', { 'content-type': 'text/csv' });
    const output = (await connector.execute('download_file', { id: 7 }, tokenCtx())) as FileOutput;
    expect([output.name, output.type, output.size]).toEqual(['download.csv', 'text/csv', undefined]);
    output.data.resume();
  });

  it('retry before the answer starts, and follow a redirect to storage without the credentials', async () => {
    nock(API).get('/v1/files/8/download').reply(503, 'busy');
    nock(API)
      .get('/v1/files/8/download')
      .reply(302, '', { location: 'https://storage.example.com/f/8?signature=abc' });
    let storageHeaders: Record<string, unknown> = {};
    nock('https://storage.example.com')
      .get('/f/8')
      .query({ signature: 'abc' })
      .reply((req: Request) => {
        storageHeaders = Object.fromEntries(req.headers);
        return [200, 'stored bytes', { 'content-type': 'text/plain' }];
      });
    const output = (await connector.execute('download_file', { id: 8 }, fast)) as FileOutput;
    expect((await buffer(output.data)).toString()).toBe('stored bytes');
    expect(storageHeaders['x-api-token']).toBeUndefined();
    expect(storageHeaders.authorization).toBeUndefined();
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("quote Pipedrive's error, and refresh an OAuth token once on a 401", async () => {
    nock(API).get('/v1/files/9/download').reply(404, { success: false, error: 'File not found' });
    const error = await failure(connector.execute('download_file', { id: 9 }, tokenCtx()));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('File not found');

    const domain = 'https://acme.pipedrive.com';
    nock(domain, { reqheaders: { authorization: 'Bearer old' } })
      .get('/v1/files/9/download')
      .reply(401, { success: false, error: 'unauthorized access' });
    nock(domain, { reqheaders: { authorization: 'Bearer new' } })
      .get('/v1/files/9/download')
      .reply(200, 'bytes', { 'content-type': 'text/plain' });
    let refreshed = 0;
    const output = (await connector.execute(
      'download_file',
      { id: 9 },
      {
        auth: {
          type: 'oauth2',
          accessToken: 'old',
          apiDomain: domain,
          refresh: async () => {
            refreshed += 1;
            return { accessToken: 'new', apiDomain: domain };
          },
        },
      },
    )) as FileOutput;
    expect((await buffer(output.data)).toString()).toBe('bytes');
    expect(refreshed).toBe(1);
  });

  it('fail the stream with a ConnectorError when the answer breaks off', async () => {
    await withPipedrive(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '1000000' });
        res.write(Buffer.alloc(1000));
        setImmediate(() => res.destroy());
      },
      async (apiUrl) => {
        const output = (await connector.execute(
          'download_file',
          { id: 1 },
          { auth: { type: 'api_token', apiToken: TOKEN, apiUrl } },
        )) as FileOutput;
        const error = await failure(buffer(output.data));
        expect(error).toBeInstanceOf(ConnectorError);
        expect(error.code).toBe('upstream_error');
      },
    );
  });

  it('stop the download when the reader destroys the stream', async () => {
    let closed = false;
    await withPipedrive(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const source = new PassThrough();
        source.pipe(res);
        const timer = setInterval(() => source.write(Buffer.alloc(64 * 1024)), 1);
        res.on('close', () => {
          closed = true;
          clearInterval(timer);
        });
      },
      async (apiUrl) => {
        const output = (await connector.execute(
          'download_file',
          { id: 1 },
          { auth: { type: 'api_token', apiToken: TOKEN, apiUrl } },
        )) as FileOutput;
        output.data.destroy();
        await expect.poll(() => closed).toBe(true);
      },
    );
  });
});

describe('files in the manifest', () => {
  it('mark file fields and file answers with x-binary, with the types a field takes', () => {
    const byName = new Map(connector.manifest.operations.map((op) => [op.name, op]));
    expect(fileFields(byName.get('add_file')?.input_schema)).toEqual([{ name: 'file' }]);
    expect(fileFields(byName.get('add_product_image')?.input_schema)).toEqual([
      { name: 'data', accept: ['image/*'] },
    ]);
    expect(fileFields(byName.get('add_person_picture')?.input_schema)).toEqual([
      { name: 'file', accept: ['image/gif', 'image/jpeg', 'image/png'] },
    ]);
    const withFiles = connector.manifest.operations.filter((op) => fileFields(op.input_schema).length > 0);
    expect(withFiles.map((op) => op.name).sort()).toEqual([
      'add_call_log_recording',
      'add_file',
      'add_person_picture',
      'add_product_image',
      'update_product_image',
    ]);
    const answers = connector.manifest.operations.filter((op) => 'x-binary' in op.output_schema);
    expect(answers.map((op) => op.name)).toEqual(['download_file']);
  });
});
