import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';

/**
 * Documented answers match real ones: every answer a test host gives (test/helpers/host.ts records them) is
 * checked against the host's own OpenAPI document — its status must be documented for that route, and a JSON
 * body must validate against the documented schema. test/setup.ts fails the test file when one does not.
 */

type Json = Record<string, unknown>;

interface Answer {
  method: string;
  url: string;
  status: number;
  type: string;
  body: string;
}

const answers: { doc: () => Json; answer: Answer }[] = [];

const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

/**
 * Documents by what makes them: the host's configuration and its routes. Hosts alike in both (their temporary
 * paths aside) have the same document, built once per test file instead of once per host: the document is about
 * a fifth of a test host's CPU time (zod to JSON Schema for every route).
 */
const documents = new Map<string, Json>();

/**
 * Record what `app` answers (its routes only; fastify's 404 for an unknown route has no route to check).
 * `configuration` is the host's configuration as text, the same for hosts whose document is the same; without it
 * the host's document is its own.
 */
export function recordAnswers(app: FastifyInstance, configuration?: string): void {
  let doc: Json | undefined;
  const documentOf = () => {
    if (doc) return doc;
    const build = () => (app as unknown as { swagger(): Json }).swagger();
    if (configuration === undefined) {
      doc = build();
      return doc;
    }
    const key = `${configuration}\n${app.printRoutes({ commonPrefix: false })}`;
    doc = documents.get(key) ?? build();
    documents.set(key, doc);
    return doc;
  };
  app.addHook('onSend', async (request, reply, payload) => {
    const url = request.routeOptions.url;
    if (!url || request.method === 'HEAD' || request.method === 'OPTIONS' || url.startsWith('/docs'))
      return payload;
    if (
      typeof payload !== 'string' &&
      !Buffer.isBuffer(payload) &&
      payload !== undefined &&
      payload !== null
    ) {
      return payload;
    }
    documentOf();
    answers.push({
      doc: documentOf,
      answer: {
        method: request.method.toLowerCase(),
        url,
        status: reply.statusCode,
        type: String(reply.getHeader('content-type') ?? ''),
        body: payload === undefined || payload === null ? '' : payload.toString(),
      },
    });
    return payload;
  });
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorOf(schema: Json): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** The answers recorded since the last call that the document does not describe; the record is then emptied. */
export function takeUndocumentedAnswers(): string[] {
  const problems: string[] = [];
  for (const { doc, answer } of answers.splice(0)) {
    const where = `${answer.method.toUpperCase()} ${answer.url} → ${answer.status}`;
    const operation = ((doc().paths as Json | undefined)?.[openApiPath(answer.url)] as Json | undefined)?.[
      answer.method
    ] as Json | undefined;
    if (!operation) {
      problems.push(`${where}: the route is not in the document`);
      continue;
    }
    const response = (operation.responses as Json | undefined)?.[String(answer.status)] as Json | undefined;
    if (!response) {
      problems.push(`${where}: the status is not documented`);
      continue;
    }
    // A 204 has no body on the wire, whatever the handler gave.
    if (answer.status === 204 || !answer.type.includes('application/json') || answer.body === '') continue;
    const content = response.content as Record<string, { schema?: Json }> | undefined;
    const schema = (content?.['application/json'] ?? Object.values(content ?? {})[0])?.schema;
    if (!schema) {
      problems.push(`${where}: a JSON body, but no schema is documented`);
      continue;
    }
    const validate = validatorOf(schema);
    if (!validate(JSON.parse(answer.body))) {
      problems.push(`${where}: ${ajv.errorsText(validate.errors)} in ${answer.body.slice(0, 200)}`);
    }
  }
  return [...new Set(problems)];
}
