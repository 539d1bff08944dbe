import nock from 'nock';
import { expect } from 'vitest';
import connector from '../../index.js';
import { API, TOKEN, tokenCtx } from '../helpers/context.js';

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
  /** Pipedrive's answer. */
  reply: unknown;
  /** The output, where the connector changes the answer (a secret redacted); the reply when omitted. */
  output?: unknown;
}

interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** How a case is run: by default connector.execute with an API token (the MCP tests run it as a tool call). */
export type CaseRunner = (c: OperationCase) => Promise<unknown>;

const execute: CaseRunner = (c) => connector.execute(c.op, c.input, tokenCtx());

/** Run the case (against nock) and assert method, path, query, body and auth of its request, and its output. */
export async function checkCase(c: OperationCase, run: CaseRunner = execute): Promise<void> {
  let seen: Seen | undefined;
  const scope = nock(API)
    .intercept(c.path, c.method)
    .query(true)
    .reply(function (uri, body) {
      const url = new URL(uri, API);
      seen = {
        method: this.req.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: body === '' ? undefined : typeof body === 'string' ? JSON.parse(body) : body,
        headers: this.req.headers,
      };
      return [200, c.reply];
    });
  const output = await run(c);
  scope.done();
  expect(seen).toBeDefined();
  const request = seen as Seen;
  expect(request.method).toBe(c.method);
  expect(request.path).toBe(c.path);
  expect(request.query).toEqual(c.query ?? {});
  expect(request.body).toEqual(c.body);
  expect(request.headers['x-api-token']).toBe(TOKEN);
  expect(request.headers.authorization).toBeUndefined();
  expect(JSON.stringify(request.query)).not.toContain(TOKEN);
  if (c.body !== undefined) expect(String(request.headers['content-type'])).toContain('application/json');
  // The output is Pipedrive's answer, parsed by the output schema (lists also say whether more remain).
  expect(output).toMatchObject((c.output ?? c.reply) as object);
}
