import { buffer } from 'node:stream/consumers';
import nock from 'nock';
import { expect } from 'vitest';
import connector, { isFileOutput } from '../../index.js';
import { API, TOKEN, tokenCtx } from '../helpers/context.js';
import { mediaType, parseBody, type SentFile } from '../helpers/request-body.js';

/** One operation call and the exact HTTP request it must make. */
export interface OperationCase {
  op: string;
  /** Names the case when an operation has several. */
  title?: string;
  input: Record<string, unknown>;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Full path from the host root, e.g. `/api/v2/deals/1`, without the query string. */
  path: string;
  /** The exact query string parameters (none when omitted). */
  query?: Record<string, string>;
  /** The exact JSON body (none when omitted). */
  body?: unknown;
  /** The exact text fields of a multipart/form-data body (with `files`). */
  form?: Record<string, string>;
  /** The exact files of a multipart/form-data body: name, content type and bytes (text or a Buffer). */
  files?: Record<string, { name: string; type: string; content: string | Buffer }>;
  /** Pipedrive's answer: JSON, or the bytes of a file (with `replyHeaders`). */
  reply: unknown;
  /** The headers of Pipedrive's answer (a file's Content-Type, Content-Disposition, ...). */
  replyHeaders?: Record<string, string>;
  /** For an operation that answers a file: the file it gives (name, type, size, bytes). */
  file?: { name: string; type: string; size?: number; content: string | Buffer };
  /** The output, where the connector changes the answer (a secret redacted); the reply when omitted. */
  output?: unknown;
}

interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  raw: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

const bytes = (content: string | Buffer) => (typeof content === 'string' ? Buffer.from(content) : content);

/** How a case is run: by default connector.execute with an API token (the MCP tests run it as a tool call). */
export type CaseRunner = (c: OperationCase) => Promise<unknown>;

const execute: CaseRunner = (c) => connector.execute(c.op, c.input, tokenCtx());

/** Run the case (against nock) and assert method, path, query, body and auth of its request, and its output. */
export async function checkCase(c: OperationCase, run: CaseRunner = execute): Promise<void> {
  let seen: Seen | undefined;
  const scope = nock(API)
    .intercept(c.path, c.method)
    .query(true)
    .reply(async (req: Request) => {
      const url = new URL(req.url);
      const raw = Buffer.from(await req.arrayBuffer());
      seen = {
        method: req.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        raw,
        headers: Object.fromEntries(req.headers),
      };
      return [200, c.reply as nock.Body, c.replyHeaders];
    });
  const output = await run(c);
  scope.done();
  expect(seen).toBeDefined();
  const request = seen as Seen;
  expect(request.method).toBe(c.method);
  expect(request.path).toBe(c.path);
  expect(request.query).toEqual(c.query ?? {});
  const type = mediaType(request.headers['content-type']);
  const body = await parseBody(request.raw, request.headers['content-type']);
  expect(body.json).toEqual(c.body);
  expect(body.form).toEqual(c.form);
  const files =
    c.files &&
    Object.fromEntries(
      Object.entries(c.files).map(([field, f]): [string, SentFile] => [
        field,
        { ...f, content: bytes(f.content) },
      ]),
    );
  expect(body.files).toEqual(files);
  if (c.body !== undefined) expect(type).toBe('application/json');
  if (c.form !== undefined) expect(type).toBe('multipart/form-data');
  expect(request.headers['x-api-token']).toBe(TOKEN);
  expect(request.headers.authorization).toBeUndefined();
  expect(JSON.stringify(request.query)).not.toContain(TOKEN);
  if (c.file) {
    // A file answer: the bytes as a stream, with the name, type and size Pipedrive's headers gave.
    expect(isFileOutput(output)).toBe(true);
    const { data, ...meta } = output as { data: NodeJS.ReadableStream };
    expect({ ...meta, content: await buffer(data) }).toEqual({ ...c.file, content: bytes(c.file.content) });
    return;
  }
  // The output is Pipedrive's answer, parsed by the output schema (lists also say whether more remain).
  expect(output).toMatchObject((c.output ?? c.reply) as object);
}
