/**
 * What keeps a browser from being used against the host: the `Host` header must name the host (a page of another
 * site that reaches the host through DNS rebinding names its own), a POST must say `application/json` (a page of
 * another site can send a "simple" cross-site POST without asking first, but not with that type), and CORS only
 * for the engine UIs of CORS_ORIGINS. A route that takes uploads (`config.multipart`) also takes
 * `multipart/form-data`, which a page of another site could send: it still needs the API key in the
 * Authorization header, which such a POST cannot carry without CORS allowing it.
 */
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConnectorError } from '../runtime/errors.js';
import type { Config } from './config.js';
import { sendError } from './http.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route also takes multipart/form-data (a file upload), besides JSON. */
    multipart?: boolean;
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Whether HOST is a loopback address (the host is reachable from this machine only). */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || /^127\./.test(host);
}

/** The names a request may give in its Host header. */
function allowedHostNames(config: Config): Set<string> {
  const names = new Set<string>(config.allowedHosts);
  names.add(new URL(config.publicUrl).hostname.toLowerCase());
  const listen = config.host.toLowerCase();
  if (listen !== '0.0.0.0' && listen !== '::') names.add(listen.includes(':') ? `[${listen}]` : listen);
  if (LOOPBACK.has(listen) || LOOPBACK.has(new URL(config.publicUrl).hostname)) {
    for (const name of LOOPBACK) names.add(name);
  }
  return names;
}

/** The host name of a Host header (`name:port`, `[v6]:port`), lower-cased; undefined when there is none. */
function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end > 0 ? value.slice(0, end + 1) : undefined;
  }
  return value.split(':')[0];
}

/** Routes whose POST bodies are not JSON (Pipedrive's deliveries, read raw). */
const RAW_BODY = /^\/webhooks\//;

/** Whether a request to URL (a route's path, or a request's) must say `application/json`, else 415. */
export function requiresJson(method: string, url: string): boolean {
  return method === 'POST' && !RAW_BODY.test(url);
}

export async function registerGuards(app: FastifyInstance, config: Config): Promise<void> {
  const names = allowedHostNames(config);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    // A load balancer's health check may name the host by its address: /health holds nothing to protect.
    if (request.url === '/health') return;
    const name = hostName(request.headers.host);
    if (!name || !names.has(name)) {
      throw new ConnectorError(
        'invalid_input',
        'The Host header does not name this host (set PUBLIC_URL, or ALLOWED_HOSTS for other names).',
        { issues: [{ path: 'host', message: 'is not a name of this host' }] },
      );
    }
    if (requiresJson(request.method, request.url)) {
      const type = String(request.headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim()
        .toLowerCase();
      const uploads = request.routeOptions.config?.multipart === true;
      if (type !== 'application/json' && !(uploads && type === 'multipart/form-data')) {
        const message = uploads
          ? 'Send POST requests with content-type: application/json, or multipart/form-data with a file to an operation that uploads one.'
          : 'Send POST requests with content-type: application/json.';
        return sendError(reply, new ConnectorError('invalid_input', message), 415);
      }
    }
  });
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins,
      methods: ['GET', 'POST', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type'],
      // An engine's page can read where its key stands, and when to ask again.
      exposedHeaders: ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after'],
      maxAge: 600,
    });
  }
}
