/**
 * How the host speaks HTTP, the same for every route: requests validated by the zod schemas on the route (with the
 * forgiving conversions of runtime/validate.ts, and `invalid_input` naming every bad field), answers serialized
 * through the route's zod schema (a field it does not declare is never sent), one error shape
 * `{"error":{"code","message","details"}}`, JSON bodies only, and the guards a host on the internet needs.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { serializerCompiler as zodSerializer } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ConnectorError } from '../runtime/errors.js';
import { validateInput } from '../runtime/validate.js';

/** Request parts are parsed by their zod schema, converting strings where the schema asks for numbers etc. */
export function validatorCompiler({
  schema,
  method,
  url,
  httpPart,
}: {
  schema: unknown;
  method: string;
  url: string;
  httpPart?: string;
}) {
  const what = `${method} ${url}`;
  // A body the schema allows to be absent (an optional body) may be absent; otherwise it is validated as `{}`.
  // (A multipart body, read by its route part by part, is absent: null.)
  const optionalBody = httpPart === 'body' && (schema as z.ZodType).safeParse(undefined).success;
  return (data: unknown) => {
    if ((data === undefined || data === null) && optionalBody) return { value: undefined };
    try {
      return { value: validateInput(schema as z.ZodType, data, what) };
    } catch (error) {
      return { error: error as Error };
    }
  };
}

/** Answers go through the route's schema; errors (4xx, 5xx) are sent as they are, in the one error shape. */
export function serializerCompiler(options: {
  schema: unknown;
  method: string;
  url: string;
  httpStatus?: string;
}) {
  const status = Number(options.httpStatus);
  if (status >= 400) return (data: unknown) => JSON.stringify(data);
  return zodSerializer(options as Parameters<typeof zodSerializer>[0]);
}

/**
 * Every error answer is `{"error":{"code","message","details"}}`, with the code's status unless the answer has one
 * of its own (413, 414, 415, 431 carry `invalid_input`; a refused webhook delivery 404 or 410).
 */
export function sendError(reply: FastifyReply, error: ConnectorError, status = error.status): FastifyReply {
  return reply.code(status).send({ error: error.toJSON() });
}

/** The error body for a status that does not come from a ConnectorError (client errors of Node's parser). */
function errorBody(code: string, message: string): string {
  return JSON.stringify({ error: { code, message, details: {} } });
}

const FASTIFY_CLIENT_ERRORS: Record<number, string> = {
  413: 'The request body is too large.',
  414: 'The request URL is too long.',
  415: 'Send the request body as application/json.',
  431: 'The request headers are too large.',
};

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ConnectorError) {
    if (error.status >= 500) request.log.warn({ code: error.code, details: error.details }, error.message);
    return sendError(reply, error);
  }
  const status = (error as FastifyError).statusCode;
  if (status && FASTIFY_CLIENT_ERRORS[status]) {
    return sendError(reply, new ConnectorError('invalid_input', FASTIFY_CLIENT_ERRORS[status]), status);
  }
  if (status && status >= 400 && status < 500) {
    return sendError(reply, new ConnectorError('invalid_input', `Bad request: ${error.message}`));
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(reply, new ConnectorError('internal_error', 'Internal error; see the host log.'));
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/**
 * Answer a connection that has no request fastify could answer (400, 408 or 431) in the error shape, without
 * echoing anything, and close it: at once when it cannot be written to, else once the answer is out. Ending the
 * socket is not enough: Node's HTTP server keeps sockets half-open, so a client that neither reads nor closes
 * would hold the connection for ever; it is destroyed a second later.
 */
export function closeWithError(socket: import('node:net').Socket, status: 400 | 408 | 431): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const message =
    FASTIFY_CLIENT_ERRORS[status] ??
    (status === 408 ? 'The request took too long to arrive.' : 'The request is malformed.');
  const body = errorBody('invalid_input', message);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  setTimeout(() => socket.destroy(), 1000).unref();
}

/**
 * Node's HTTP parser refuses some requests before fastify sees them (headers over the limit: 431; too slow: 408;
 * malformed: 400). Their answers get the error shape too, never echo the request, and close the connection.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: import('node:net').Socket): void {
  closeWithError(
    socket,
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400,
  );
}

/** Errors of fastify's router (a URL it cannot decode: 400; a path parameter over its limit: 414): never echoed. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 400;
  const message =
    FASTIFY_CLIENT_ERRORS[status] ?? (status >= 500 ? 'Internal error.' : 'The request URL is malformed.');
  void sendError(
    reply,
    new ConnectorError(status >= 500 ? 'internal_error' : 'invalid_input', message),
    status,
  );
}

/**
 * JSON bodies only (the webhook callback, which takes any body raw, registers its own parser). An empty body is
 * no body, so a POST without one may still say `content-type: application/json`; the parse refuses `__proto__`.
 */
export function registerJsonParser(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    return json(request, text, done);
  });
}

/**
 * The headers of the host's pages (the playground and the API docs): no sniffing, no framing, no referrer, and a
 * Content Security Policy when given (Swagger UI brings its own, with the hashes of its scripts).
 */
export function securityHeaders(reply: FastifyReply, csp?: string): FastifyReply {
  if (csp) void reply.header('content-security-policy', csp);
  return reply
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-cache');
}
