/**
 * A local stand-in for Pipedrive for the benchmarks, in its own process so that it does not share the
 * measured process's CPU or memory. Modes:
 * - `fast`: answers at once: GET /api/v2/deals/:id (one deal), GET /api/v2/deals (pages of `limit` deals, a
 *   cursor, `total` deals in all), GET /api/v2/dealFields (no custom fields), GET /v1/users/me, and
 *   GET/POST /v1/webhooks (the last registered webhook is at GET /last-webhook).
 * - `limited`: the same, with Pipedrive's burst limit: 40 requests per rolling 2 s per token, 429 past it, and
 *   the x-ratelimit-* headers on every answer.
 * Usage: node --import tsx bench/stub.ts <mode> [total]; prints `READY <port>`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deal as fixtureDeal } from '../test/fixtures/entities.js';
import { BurstLimit, OVER_LIMIT } from '../test/helpers/burst-limit.js';

const mode = process.argv[2] ?? 'fast';
const total = Number(process.argv[3] ?? 100_000);
/** Pipedrive's burst limit: 40 requests per rolling 2 s per token (in `limited` mode). */
const burst = mode === 'limited' ? new BurstLimit(40, 2000) : undefined;
const stats = { served: 0, refused: 0 };
let lastWebhook: unknown = null;

// The tests' deal record (Pipedrive's documented model), without custom fields as the stub has none defined.
const deal = (id: number) => fixtureDeal(id, { title: `Deal ${id}`, value: id * 10, custom_fields: {} });

const single = JSON.stringify({ success: true, data: deal(1) });

function page(cursor: number, limit: number) {
  const end = Math.min(total, cursor + limit);
  const data = [];
  for (let id = cursor + 1; id <= end; id++) data.push(deal(id));
  return JSON.stringify({
    success: true,
    data,
    additional_data: { next_cursor: end < total ? Buffer.from(String(end)).toString('base64url') : null },
  });
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://stub');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (burst) {
    // One window per token, as Pipedrive counts them.
    const limits = burst.admit(String(req.headers['x-api-token'] ?? req.headers.authorization ?? ''));
    Object.assign(headers, limits.headers);
    if (!limits.allowed) {
      stats.refused += 1;
      res.writeHead(429, headers).end(OVER_LIMIT);
      return;
    }
  }
  stats.served += 1;
  if (url.pathname === '/stats') return res.writeHead(200, headers).end(JSON.stringify(stats));
  if (url.pathname === '/last-webhook') return res.writeHead(200, headers).end(JSON.stringify(lastWebhook));
  if (url.pathname === '/v1/webhooks' && req.method === 'GET') {
    return res.writeHead(200, headers).end(JSON.stringify({ success: true, data: [] }));
  }
  if (url.pathname === '/v1/webhooks' && req.method === 'POST') {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      lastWebhook = JSON.parse(body);
      res.writeHead(201, headers).end(JSON.stringify({ success: true, data: { id: 4201 } }));
    });
    return;
  }
  if (url.pathname === '/v1/users/me') {
    return res
      .writeHead(200, headers)
      .end(JSON.stringify({ success: true, data: { id: 11, name: 'Bench' } }));
  }
  if (url.pathname === '/api/v2/dealFields') {
    return res
      .writeHead(200, headers)
      .end(JSON.stringify({ success: true, data: [], additional_data: { next_cursor: null } }));
  }
  if (url.pathname === '/api/v2/deals') {
    const cursor = url.searchParams.get('cursor');
    const offset = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) : 0;
    return res.writeHead(200, headers).end(page(offset, Number(url.searchParams.get('limit') ?? 100)));
  }
  if (/^\/api\/v2\/deals\/\d+$/.test(url.pathname)) return res.writeHead(200, headers).end(single);
  res.writeHead(404, headers).end(JSON.stringify({ success: false, error: 'not found' }));
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  console.log(`READY ${(server.address() as AddressInfo).port}`);
});
