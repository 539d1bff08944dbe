/**
 * Whether Pipedrive's document accepts a request as it was sent: the path fits the endpoint's template and its
 * parameters their types; every query parameter is one the endpoint defines, with a value of its type (or a
 * comma-separated list of them), and the required ones are there; the body has a media type the endpoint
 * documents, fits the request body schema (types, enums, nullability, required fields; a form's text read as the
 * field's type, a file where the document has `format: binary`) and has no field the endpoint does not define.
 */
import { Ajv } from 'ajv';
import {
  merged,
  type OpenApiOperation,
  requestBodyOf,
  requestBodyTypes,
  type SpecParameter,
  type SpecSchema,
} from '../../scripts/pipedrive-spec.js';
import { mediaType } from './request-body.js';

/**
 * A request as it went out: the path below the API base (`/deals/1`), the query, the parsed JSON body, or a
 * form's text fields and the names of its files, with the body's Content-Type.
 */
export interface SentRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  form?: Record<string, string>;
  files?: string[];
  contentType?: string;
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const compiled = new WeakMap<object, ReturnType<typeof ajv.compile>>();

/** OpenAPI 3.0's schema dialect as JSON Schema: `nullable` becomes a null alternative; examples dropped. */
function jsonSchema(node: unknown, seen = new Map<object, unknown>()): unknown {
  if (Array.isArray(node)) return node.map((item) => jsonSchema(item, seen));
  if (!node || typeof node !== 'object') return node;
  const known = seen.get(node);
  if (known) return known;
  const out: Record<string, unknown> = {};
  seen.set(node, out);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'example' || key.startsWith('x-')) continue;
    out[key] = key === 'properties' ? mapValues(value, (v) => jsonSchema(v, seen)) : jsonSchema(value, seen);
  }
  if ((node as SpecSchema).nullable) {
    const { description: _d, ...rest } = out;
    if (Array.isArray(rest.enum)) rest.enum = [...rest.enum, null];
    return { anyOf: [rest, { type: 'null' }] };
  }
  return out;
}

const mapValues = (value: unknown, f: (v: unknown) => unknown) =>
  Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, f(v)]));

function validate(schema: SpecSchema, value: unknown, where: string): string[] {
  let check = compiled.get(schema);
  if (!check) {
    check = ajv.compile(jsonSchema(schema) as object);
    compiled.set(schema, check);
  }
  if (check(value)) return [];
  // A required field listed in two `allOf` parts is reported once.
  return [...new Set((check.errors ?? []).map((e) => `${where}${e.instancePath}: ${e.message}`))];
}

/** A parameter value as sent (text), read as the type its schema says. */
function typed(text: string, schema: SpecSchema): unknown {
  const type = merged(schema).type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** A parameter's value fits its schema, whole or as a comma-separated list of fitting items. */
function parameterProblems(param: SpecParameter, text: string): string[] {
  const schema = param.schema ?? {};
  const spec = merged(schema);
  const where = `${param.in} ${param.name}`;
  if (spec.type === 'array') {
    return text
      .split(',')
      .flatMap((item) => validate(spec.items ?? {}, typed(item, spec.items ?? {}), where));
  }
  const whole = validate(schema, typed(text, schema), where);
  if (whole.length === 0 || !text.includes(',')) return whole;
  const items = text.split(',').flatMap((item) => validate(schema, typed(item, schema), where));
  return items.length === 0 ? [] : whole;
}

/** The names the endpoint defines at the top of its JSON body (all of them for an object body). */
function bodyNames(schema: SpecSchema | undefined): Set<string> {
  const body = merged(schema);
  return new Set(Object.keys(body.properties ?? {}));
}

/**
 * What the document's endpoint (`path` its template, `operation` its object) does not accept in the request;
 * empty when it accepts it.
 */
export function requestProblems(path: string, operation: OpenApiOperation, sent: SentRequest): string[] {
  const problems: string[] = [];
  const parameters = operation.parameters ?? [];

  const names: string[] = [];
  const template = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${template}$`).exec(sent.path);
  if (!match) problems.push(`path ${sent.path} does not fit ${path}`);
  else {
    names.forEach((name, i) => {
      const param = parameters.find((p) => p.in === 'path' && p.name === name) ?? { in: 'path', name };
      problems.push(...parameterProblems(param, decodeURIComponent(match[i + 1] as string)));
    });
  }

  const query = parameters.filter((p) => p.in === 'query');
  for (const [name, text] of Object.entries(sent.query)) {
    const param = query.find((p) => p.name === name);
    if (!param) problems.push(`query ${name} is not a parameter of the endpoint`);
    else problems.push(...parameterProblems(param, text));
  }
  for (const param of query) {
    if (param.required && sent.query[param.name] === undefined)
      problems.push(`query ${param.name} is required`);
  }

  const body = requestBodyOf(operation);
  const isForm = sent.form !== undefined || sent.files !== undefined;
  const sentBody = isForm ? formValue(body, sent) : sent.body;
  if (sentBody === undefined) {
    if (operation.requestBody?.required && body) problems.push('the body is required');
  } else if (!body) {
    problems.push(isForm ? 'the endpoint takes no form body' : 'the endpoint takes no JSON body');
  } else {
    // A body documented as a form goes as JSON (docs/decisions.md, "A form body documented is sent as JSON").
    const types = requestBodyTypes(operation).map((type) =>
      type === 'application/x-www-form-urlencoded' ? 'application/json' : type,
    );
    const type = mediaType(sent.contentType ?? (isForm ? '' : 'application/json'));
    if (!types.includes(type))
      problems.push(`the body is ${type || 'untyped'}; the endpoint takes ${types.join(' or ')}`);
    problems.push(...validate(body, sentBody, 'body'));
    const known = bodyNames(body);
    if (known.size > 0 && sentBody && typeof sentBody === 'object' && !Array.isArray(sentBody)) {
      for (const name of Object.keys(sentBody)) {
        if (!known.has(name)) problems.push(`body ${name} is not a field of the endpoint`);
      }
    }
  }
  return problems;
}

/** A form's fields read as their documented types, and its files as what the document has for them (binary text). */
function formValue(body: SpecSchema | undefined, sent: SentRequest): Record<string, unknown> {
  const properties = merged(body).properties ?? {};
  const value: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(sent.form ?? {})) {
    const schema = properties[name];
    value[name] = schema ? typed(text, schema) : text;
  }
  for (const name of sent.files ?? []) {
    value[name] = merged(properties[name]).format === 'binary' ? '(the file)' : { file: name };
  }
  return value;
}
