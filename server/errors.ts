import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ConnectorError } from '../runtime/errors.js';

/** Every error answer is `{"error":{"code","message","details"}}` with the code's status. */
export function sendError(reply: FastifyReply, error: ConnectorError): FastifyReply {
  return reply.code(error.status).send({ error: error.toJSON() });
}

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ConnectorError) {
    if (error.status >= 500) request.log.warn({ code: error.code, details: error.details }, error.message);
    return sendError(reply, error);
  }
  const status = (error as FastifyError).statusCode;
  if (status === 413) {
    return reply.code(413).send({
      error: { code: 'invalid_input', message: 'The request body is too large.', details: {} },
    });
  }
  if (status === 415) {
    return reply.code(415).send({
      error: { code: 'invalid_input', message: 'Send the request body as application/json.', details: {} },
    });
  }
  if (status && status >= 400 && status < 500) {
    return sendError(reply, new ConnectorError('invalid_input', `Bad request: ${error.message}`));
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(reply, new ConnectorError('internal_error', 'Internal error; see the host log.'));
}
