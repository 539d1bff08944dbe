import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deal, ok, page } from '../fixtures/entities.js';
import { enumField } from '../fixtures/fields.js';
import { parseBody, type SentFile } from './request-body.js';
import { registerSecret } from './secrets.js';

/**
 * A local stand-in for Pipedrive on 127.0.0.1: checks the API token header, answers `/v1/users/me`, and
 * answers other requests from a route table (method + path template → reply). Records every request.
 */
export interface StubRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  /** The JSON body, or a form's text fields (urlencoded or multipart). */
  body: unknown;
  /** The files of a multipart body, by field. */
  files?: Record<string, SentFile>;
}

export interface StubRoute {
  method: string;
  /** Path template like `/api/v2/deals/{id}`. */
  path: string;
  /** The answer: JSON, or the bytes of a file (a Buffer or text, sent as they are, with `headers`). */
  reply: unknown;
  status?: number;
  /** Headers of the answer: a file's Content-Type and Content-Disposition, the budget's, for example. */
  headers?: Record<string, string>;
  /** Answer only after this many milliseconds (a slow Pipedrive). */
  delayMs?: number;
}

export const STUB_USER = {
  id: 11,
  name: 'Mari Tamm',
  email: 'mari@example.com',
  company_id: 7001,
  company_name: 'Acme OÜ',
  company_domain: 'acme',
};

export interface PipedriveStub {
  url: string;
  requests: StubRequest[];
  routes: StubRoute[];
  close(): Promise<void>;
}

function matches(template: string, path: string): boolean {
  const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`);
  return pattern.test(path);
}

export async function startPipedriveStub(options: {
  token: string;
  routes?: StubRoute[];
}): Promise<PipedriveStub> {
  const requests: StubRequest[] = [];
  const routes = [...(options.routes ?? [])];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://stub');
      const { json, form, files } = await parseBody(Buffer.concat(chunks), req.headers['content-type']);
      const request: StubRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: form ?? json,
        ...(files ? { files } : {}),
      };
      requests.push(request);
      // Webhook passwords the host registers: none may appear in its logs or answers.
      registerSecret((request.body as { http_auth_password?: string } | undefined)?.http_auth_password);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { ...headers, 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers['x-api-token'] !== options.token) {
        send(401, {
          success: false,
          error: 'unauthorized access',
          errorCode: 401,
          error_info: 'Please check the API token',
        });
        return;
      }
      if (request.method === 'GET' && request.path === '/v1/users/me') {
        send(200, { success: true, data: STUB_USER });
        return;
      }
      const route = routes.find((r) => r.method === request.method && matches(r.path, request.path));
      if (!route) {
        send(404, { success: false, error: `No stub for ${request.method} ${request.path}` });
        return;
      }
      const answer = () => {
        const reply =
          typeof route.reply === 'function'
            ? (route.reply as (r: StubRequest) => unknown)(request)
            : route.reply;
        if (!Buffer.isBuffer(reply) && typeof reply !== 'string')
          return send(route.status ?? 200, reply, route.headers);
        res.writeHead(route.status ?? 200, { 'content-type': 'application/octet-stream', ...route.headers });
        res.end(reply);
      };
      if (route.delayMs) setTimeout(answer, route.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    routes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Routes for deals: deal 101 to read (with a custom field, whose definition `dealFields` gives), and adding one (102, from the body). */
export function dealRoutes(): StubRoute[] {
  return [
    { method: 'GET', path: '/api/v2/deals/{id}', reply: ok(deal(101)) },
    { method: 'GET', path: '/api/v2/dealFields', reply: page([enumField()]) },
    {
      method: 'POST',
      path: '/api/v2/deals',
      reply: (r: StubRequest) => ok(deal(102, r.body as Record<string, unknown>)),
    },
  ];
}
