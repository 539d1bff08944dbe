/**
 * Files through the host: uploads as multipart/form-data (the connection and input first, then the file,
 * streamed on to Pipedrive) and as base64 in JSON, downloads streamed back with Pipedrive's type and the file's
 * name; a file over the limit is 413 in the error shape with nothing sent, bad parts and types are 400 naming the
 * field, multipart stays refused elsewhere (415), and keys and workspaces apply as on every route.
 */
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../fixtures/entities.js';
import { fileRecord, productImage } from '../fixtures/files.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { type PipedriveStub, type StubRequest, startPipedriveStub } from '../helpers/pipedrive-stub.js';
import { SECRETS } from '../helpers/secrets.js';

const TOKEN = SECRETS.samplesToken;
const MAX_FILE_BYTES = 64 * 1024;
const CONTRACT = Buffer.from('%PDF-1.7\n% Leping 2026, allkirjastatud.\n%%EOF\n');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let stub: PipedriveStub;
let host: TestHost;
let connectionId: string;

beforeAll(async () => {
  stub = await startPipedriveStub({
    token: TOKEN,
    routes: [
      {
        method: 'POST',
        path: '/v1/files',
        reply: (r: StubRequest) =>
          ok(fileRecord(501, { deal_id: Number((r.body as { deal_id?: string }).deal_id ?? 0) || null })),
      },
      { method: 'POST', path: '/api/v2/products/{id}/images', reply: ok(productImage(401)) },
      {
        method: 'GET',
        path: '/v1/files/501/download',
        reply: CONTRACT,
        headers: {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="leping.pdf"; filename*=UTF-8''leping%20%C3%BCks.pdf`,
          'content-length': String(CONTRACT.length),
        },
      },
    ],
  });
  host = await startTestHost({ PIPEDRIVE_API_URL: stub.url, MAX_FILE_BYTES: String(MAX_FILE_BYTES) });
  const created = await host.inject({
    method: 'POST',
    url: '/connections',
    payload: { type: 'api_token', api_token: TOKEN },
  });
  connectionId = created.json().id;
});

afterAll(async () => {
  await host?.close();
  await stub?.close();
});

/** A multipart/form-data body made by the platform's own FormData (fields in the order given). */
async function multipart(parts: [string, string | File][]): Promise<{ payload: Buffer; type: string }> {
  const form = new FormData();
  for (const [name, value] of parts) form.append(name, value);
  const request = new Request('http://host/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    type: request.headers.get('content-type') as string,
  };
}

async function upload(name: string, parts: [string, string | File][], key?: string | null) {
  const { payload, type } = await multipart(parts);
  return host.inject({
    method: 'POST',
    url: `/operations/${name}`,
    payload,
    headers: { 'content-type': type },
    ...(key === undefined ? {} : { key }),
  });
}

const uploadsSeen = () => stub.requests.filter((r) => r.method === 'POST' && r.path === '/v1/files');

describe('uploads', () => {
  it('multipart/form-data: the input and the file reach Pipedrive as one multipart body', async () => {
    const before = uploadsSeen().length;
    const response = await upload('add_file', [
      ['connection_id', connectionId],
      ['input', JSON.stringify({ deal_id: 101 })],
      ['file', new File([CONTRACT], 'leping.pdf', { type: 'application/pdf' })],
    ]);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().output.data).toMatchObject({ id: 501, deal_id: 101 });
    const [sent] = uploadsSeen().slice(before) as [StubRequest];
    expect(sent.body).toEqual({ deal_id: '101' });
    expect(sent.files?.file?.name).toBe('leping.pdf');
    expect(sent.files?.file?.type).toBe('application/pdf');
    expect(sha256(sent.files?.file?.content as Buffer)).toBe(sha256(CONTRACT));
    expect(sent.headers['x-api-token']).toBe(TOKEN);
  });

  it('a part without a type gets one from its name; base64 in JSON works for small files', async () => {
    const before = uploadsSeen().length;
    const typeless = await upload('add_file', [
      ['connection_id', connectionId],
      ['input', '{"person_id":"201"}'],
      ['file', new File([CONTRACT], 'leping.pdf')],
    ]);
    expect(typeless.statusCode, typeless.body).toBe(200);
    const json = await host.inject({
      method: 'POST',
      url: '/operations/add_file',
      payload: {
        connection_id: connectionId,
        input: { deal_id: 101, file: { name: 'leping.pdf', base64: CONTRACT.toString('base64') } },
      },
    });
    expect(json.statusCode, json.body).toBe(200);
    const [first, second] = uploadsSeen().slice(before) as [StubRequest, StubRequest];
    expect(first.files?.file?.type).toBe('application/pdf');
    expect(second.body).toEqual({ deal_id: '101' });
    expect(second.files?.file).toEqual({ name: 'leping.pdf', type: 'application/pdf', content: CONTRACT });
  });

  it('a file over MAX_FILE_BYTES: 413 in the error shape, nothing sent to Pipedrive', async () => {
    const before = stub.requests.length;
    const big = new File([Buffer.alloc(MAX_FILE_BYTES * 40, 1)], 'big.bin');
    const response = await upload('add_file', [
      ['connection_id', connectionId],
      ['input', '{"deal_id":1}'],
      ['file', big],
    ]);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({
      error: {
        code: 'invalid_input',
        message: expect.stringContaining('file'),
        details: { issues: [{ path: 'file', message: expect.any(String) }], max_bytes: MAX_FILE_BYTES },
      },
    });
    // base64 in JSON: at most 512 KiB, whatever the limit of multipart uploads.
    const base64 = await host.inject({
      method: 'POST',
      url: '/operations/add_file',
      payload: {
        connection_id: connectionId,
        input: { deal_id: 1, file: { base64: 'QUJD'.repeat(200_000) } },
      },
    });
    expect(base64.statusCode).toBe(413);
    expect(base64.json().error.details.issues[0].path).toBe('file');
    expect(stub.requests.length).toBe(before);
  });

  it('a stream of unknown length over the limit is cut off with 413; Pipedrive stores nothing', async () => {
    const address = await host.app.listen({ port: 0, host: '127.0.0.1' });
    const { payload, type } = await multipart([
      ['connection_id', connectionId],
      ['input', '{"deal_id":1}'],
      ['file', new File([Buffer.alloc(MAX_FILE_BYTES * 4, 2)], 'big.bin')],
    ]);
    const before = uploadsSeen().length;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(`${address}/operations/add_file`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${host.key}`,
          'content-type': type,
          'transfer-encoding': 'chunked',
        },
      });
      request.on('response', (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on('error', reject);
      Readable.from(
        Array.from({ length: Math.ceil(payload.length / 4096) }, (_, i) =>
          payload.subarray(i * 4096, (i + 1) * 4096),
        ),
      ).pipe(request);
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.details.max_bytes).toBe(MAX_FILE_BYTES);
    expect(uploadsSeen().length).toBe(before);
  });

  it('bad uploads are 400 naming the field: no file, an unknown part, a type Pipedrive does not take, bad input', async () => {
    const before = stub.requests.length;
    const cases: [string, [string, string | File][], string][] = [
      [
        'add_file',
        [
          ['connection_id', connectionId],
          ['input', '{"deal_id":1}'],
        ],
        'file',
      ],
      [
        'add_file',
        [
          ['connection_id', connectionId],
          ['colour', 'blue'],
          ['file', new File(['x'], 'x.txt')],
        ],
        'colour',
      ],
      [
        'add_file',
        [
          ['input', '{"deal_id":1}'],
          ['file', new File(['x'], 'x.txt')],
        ],
        'connection_id',
      ],
      [
        'add_file',
        [
          ['connection_id', connectionId],
          ['input', '[1]'],
          ['file', new File(['x'], 'x.txt')],
        ],
        'input',
      ],
      [
        'add_product_image',
        [
          ['connection_id', connectionId],
          ['input', '{"id":401}'],
          ['data', new File(['x'], 'notes.txt', { type: 'text/plain' })],
        ],
        'data.type',
      ],
    ];
    for (const [op, parts, field] of cases) {
      const response = await upload(op, parts);
      expect(response.statusCode, `${field}: ${response.body}`).toBe(400);
      expect(response.json().error.code).toBe('invalid_input');
      expect(response.json().error.details.issues.map((i: { path: string }) => i.path)).toEqual([field]);
    }
    expect(stub.requests.length).toBe(before);
  });

  it('multipart stays refused where no file goes (415), and keys and workspaces hold', async () => {
    const parts: [string, string | File][] = [
      ['connection_id', connectionId],
      ['input', '{"deal_id":1}'],
      ['file', new File(['x'], 'x.txt')],
    ];
    const before = stub.requests.length;
    const noFile = await upload('list_deals', parts);
    expect(noFile.statusCode).toBe(415);
    expect(noFile.json().error.code).toBe('invalid_input');
    const { payload, type } = await multipart(parts);
    for (const url of ['/lookups/deals', '/connections', '/subscriptions']) {
      const other = await host.inject({ method: 'POST', url, payload, headers: { 'content-type': type } });
      expect(other.statusCode, url).toBe(415);
    }
    const anonymous = await upload('add_file', parts, null);
    expect(anonymous.statusCode).toBe(401);
    const stranger = await upload('add_file', parts, await host.newKey('elsewhere'));
    expect(stranger.statusCode).toBe(404);
    expect(stub.requests.length).toBe(before);
  });

  it("Pipedrive's refusal comes back in the error shape", async () => {
    stub.routes.unshift({
      method: 'POST',
      path: '/api/v2/products/{id}/images',
      status: 422,
      reply: { success: false, error: 'The product already has an image' },
    });
    const response = await upload('add_product_image', [
      ['connection_id', connectionId],
      ['input', '{"id":402}'],
      ['data', new File(['GIF89a'], 'p.gif', { type: 'image/gif' })],
    ]);
    stub.routes.shift();
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({
      code: 'unprocessable',
      message: expect.stringContaining('The product already has an image'),
    });
  });
});

describe('downloads', () => {
  it("stream the file back with Pipedrive's type and length and its name as an attachment", async () => {
    const response = await host.inject({
      method: 'POST',
      url: '/operations/download_file',
      payload: { connection_id: connectionId, input: { id: 501 } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(CONTRACT)).toBe(true);
    expect(response.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(CONTRACT.length),
      'content-disposition': `attachment; filename="leping ?ks.pdf"; filename*=UTF-8''leping%20%C3%BCks.pdf`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'no-store',
    });
  });

  it('answers a missing file in the error shape', async () => {
    const response = await host.inject({
      method: 'POST',
      url: '/operations/download_file',
      payload: { connection_id: connectionId, input: { id: 999 } },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});

describe('the OpenAPI document', () => {
  it('describes the multipart body and the file answer of POST /operations/:name', async () => {
    const doc = (await host.inject({ method: 'GET', url: '/docs/json', key: null })).json();
    const operation = doc.paths['/operations/{name}'].post;
    expect(Object.keys(operation.requestBody.content)).toEqual(['application/json', 'multipart/form-data']);
    const upload = operation.requestBody.content['multipart/form-data'].schema;
    expect(Object.keys(upload.properties)).toEqual(['connection_id', 'input']);
    expect(upload.additionalProperties).toMatchObject({ type: 'string', format: 'binary' });
    expect(Object.keys(operation.responses['200'].content)).toEqual([
      'application/json',
      'application/octet-stream',
    ]);
    expect(operation.responses['413'].description).toContain('MAX_FILE_BYTES');
  });
});
