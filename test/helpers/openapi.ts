import { Ajv2020 } from 'ajv/dist/2020.js';

/**
 * Structural validation of an OpenAPI 3.1 document against the rules of the specification that can be checked
 * without the official JSON Schema: required fields, allowed fixed fields, path templating and parameters,
 * response codes, unique operation IDs and parameters, security scheme references, local `$ref`s, and every
 * Schema Object checked against the JSON Schema 2020-12 meta-schema (OpenAPI 3.1's dialect) by Ajv, without
 * OpenAPI 3.0's `nullable`. Returns the problems found, each with its JSON pointer; empty when valid.
 */

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const PATH_ITEM_FIELDS = new Set([...METHODS, '$ref', 'summary', 'description', 'servers', 'parameters']);
const OPERATION_FIELDS = new Set([
  'tags',
  'summary',
  'description',
  'externalDocs',
  'operationId',
  'parameters',
  'requestBody',
  'responses',
  'callbacks',
  'deprecated',
  'security',
  'servers',
]);
const TOP_FIELDS = new Set([
  'openapi',
  'info',
  'jsonSchemaDialect',
  'servers',
  'paths',
  'webhooks',
  'components',
  'security',
  'tags',
  'externalDocs',
]);
const PARAMETER_IN = new Set(['query', 'header', 'path', 'cookie']);
const SECURITY_TYPES = new Set(['apiKey', 'http', 'mutualTLS', 'oauth2', 'openIdConnect']);
const RESPONSE_CODE = /^(default|[1-5]XX|[1-5]\d\d)$/;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export function checkOpenApi31(doc: unknown): string[] {
  const problems: string[] = [];
  const fail = (where: string, message: string) => problems.push(`${where || '/'}: ${message}`);
  if (!isObject(doc)) return ['/: the document is not an object'];

  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  const checkSchema = (schema: unknown, where: string) => {
    if (typeof schema === 'boolean') return;
    if (!isObject(schema)) return fail(where, 'a Schema Object must be an object or a boolean');
    if (!ajv.validateSchema(schema)) fail(where, `not a JSON Schema 2020-12: ${ajv.errorsText(ajv.errors)}`);
    walk(schema, where, (node, at) => {
      if ('nullable' in node) fail(at, '`nullable` is OpenAPI 3.0; 3.1 uses `type: [..., "null"]`');
    });
    try {
      ajv.compile({ ...schema, $id: undefined });
    } catch (error) {
      fail(where, `does not compile: ${(error as Error).message}`);
    }
  };

  const onlyFields = (node: Json, fields: Set<string>, where: string, what: string) => {
    for (const key of Object.keys(node)) {
      if (!fields.has(key) && !key.startsWith('x-')) fail(`${where}/${key}`, `is not a field of ${what}`);
    }
  };
  onlyFields(doc, TOP_FIELDS, '', 'the OpenAPI Object');
  if (typeof doc.openapi !== 'string' || !/^3\.1\.\d+$/.test(doc.openapi)) {
    fail('/openapi', `must be a 3.1.x version string, not ${JSON.stringify(doc.openapi)}`);
  }
  const info = doc.info;
  if (!isObject(info)) fail('/info', 'is required');
  else {
    if (typeof info.title !== 'string') fail('/info/title', 'is required');
    if (typeof info.version !== 'string') fail('/info/version', 'is required');
    const license = info.license;
    if (isObject(license)) {
      if (typeof license.name !== 'string') fail('/info/license/name', 'is required');
      if ('identifier' in license && 'url' in license)
        fail('/info/license', '`identifier` and `url` exclude each other');
    }
  }
  if (doc.servers !== undefined) {
    if (!Array.isArray(doc.servers)) fail('/servers', 'must be an array');
    else
      doc.servers.forEach((server, i) => {
        if (!isObject(server) || typeof server.url !== 'string') fail(`/servers/${i}/url`, 'is required');
      });
  }
  if (!isObject(doc.paths) && !isObject(doc.webhooks) && !isObject(doc.components)) {
    fail('/', 'needs at least one of paths, webhooks, components');
  }

  const components = isObject(doc.components) ? doc.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  for (const [name, scheme] of Object.entries(schemes)) {
    const where = `/components/securitySchemes/${name}`;
    if (!isObject(scheme) || !SECURITY_TYPES.has(String(scheme.type))) fail(where, 'has no valid `type`');
    else if (scheme.type === 'http' && typeof scheme.scheme !== 'string') fail(where, 'http needs `scheme`');
    else if (scheme.type === 'apiKey' && (typeof scheme.name !== 'string' || !scheme.in))
      fail(where, 'apiKey needs `name` and `in`');
  }
  if (isObject(components.schemas)) {
    for (const [name, schema] of Object.entries(components.schemas))
      checkSchema(schema, `/components/schemas/${name}`);
  }
  const checkSecurity = (security: unknown, where: string) => {
    if (security === undefined) return;
    if (!Array.isArray(security)) return fail(where, 'must be an array');
    for (const [i, requirement] of security.entries()) {
      if (!isObject(requirement)) {
        fail(`${where}/${i}`, 'must be an object');
        continue;
      }
      for (const [name, scopes] of Object.entries(requirement)) {
        if (!(name in schemes)) fail(`${where}/${i}/${name}`, 'is not in components.securitySchemes');
        if (!Array.isArray(scopes)) fail(`${where}/${i}/${name}`, 'must be an array of scopes');
      }
    }
  };
  checkSecurity(doc.security, '/security');

  const tagNames = new Set<string>();
  if (doc.tags !== undefined) {
    if (!Array.isArray(doc.tags)) fail('/tags', 'must be an array');
    else
      for (const [i, tag] of doc.tags.entries()) {
        if (!isObject(tag) || typeof tag.name !== 'string') fail(`/tags/${i}/name`, 'is required');
        else if (tagNames.has(tag.name)) fail(`/tags/${i}`, `tag ${tag.name} is declared twice`);
        else tagNames.add(tag.name);
      }
  }

  const media = (content: unknown, where: string) => {
    if (!isObject(content)) return fail(where, 'must be a map of media types');
    for (const [type, item] of Object.entries(content)) {
      if (!/^[\w.+*-]+\/[\w.+*-]+/.test(type)) fail(`${where}/${type}`, 'is not a media type');
      if (!isObject(item)) fail(`${where}/${type}`, 'must be a Media Type Object');
      else if (item.schema !== undefined) checkSchema(item.schema, `${where}/${type}/schema`);
    }
  };

  const parameters = (list: unknown, where: string): Map<string, Json> => {
    const seen = new Map<string, Json>();
    if (list === undefined) return seen;
    if (!Array.isArray(list)) {
      fail(where, 'must be an array');
      return seen;
    }
    for (const [i, parameter] of list.entries()) {
      const at = `${where}/${i}`;
      if (!isObject(parameter)) {
        fail(at, 'must be a Parameter Object');
        continue;
      }
      if (typeof parameter.name !== 'string' || parameter.name === '') fail(`${at}/name`, 'is required');
      if (!PARAMETER_IN.has(String(parameter.in))) fail(`${at}/in`, `is not one of ${[...PARAMETER_IN]}`);
      if (parameter.in === 'path' && parameter.required !== true)
        fail(`${at}/required`, 'must be true for a path parameter');
      if ('schema' in parameter === 'content' in parameter)
        fail(at, 'needs exactly one of `schema` and `content`');
      if (parameter.schema !== undefined) checkSchema(parameter.schema, `${at}/schema`);
      if (parameter.content !== undefined) media(parameter.content, `${at}/content`);
      const key = `${parameter.in} ${parameter.name}`;
      if (seen.has(key)) fail(at, `parameter ${key} is listed twice`);
      seen.set(key, parameter);
    }
    return seen;
  };

  const operationIds = new Set<string>();
  const shapes = new Map<string, string>();
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const where = `/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!path.startsWith('/')) fail(where, 'a path must start with /');
    const shape = path.replace(/\{[^}]+\}/g, '{}');
    if (shapes.has(shape)) fail(where, `same template as ${shapes.get(shape)} with other parameter names`);
    shapes.set(shape, path);
    if (!isObject(item)) {
      fail(where, 'must be a Path Item Object');
      continue;
    }
    onlyFields(item, PATH_ITEM_FIELDS, where, 'a Path Item');
    const templated = new Set([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string));
    const common = parameters(item.parameters, `${where}/parameters`);
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const at = `${where}/${method}`;
      if (!isObject(operation)) {
        fail(at, 'must be an Operation Object');
        continue;
      }
      onlyFields(operation, OPERATION_FIELDS, at, 'an Operation');
      if (operation.operationId !== undefined) {
        const id = String(operation.operationId);
        if (operationIds.has(id)) fail(`${at}/operationId`, `${id} is not unique`);
        operationIds.add(id);
      }
      if (operation.tags !== undefined) {
        if (!Array.isArray(operation.tags) || operation.tags.some((t) => typeof t !== 'string'))
          fail(`${at}/tags`, 'must be an array of strings');
        else
          for (const tag of operation.tags as string[])
            if (!tagNames.has(tag)) fail(`${at}/tags`, `tag ${tag} is not declared in /tags`);
      }
      const own = parameters(operation.parameters, `${at}/parameters`);
      const all = new Map([...common, ...own]);
      const inPath = new Set([...all.values()].filter((p) => p.in === 'path').map((p) => String(p.name)));
      for (const name of templated)
        if (!inPath.has(name)) fail(at, `path parameter {${name}} is not described`);
      for (const name of inPath)
        if (!templated.has(name)) fail(at, `path parameter ${name} is not in the path`);
      if (operation.requestBody !== undefined) {
        const body = operation.requestBody;
        if (!isObject(body) || !isObject(body.content) || Object.keys(body.content).length === 0)
          fail(`${at}/requestBody`, 'needs `content`');
        else media(body.content, `${at}/requestBody/content`);
      }
      const responses = operation.responses;
      if (!isObject(responses) || Object.keys(responses).length === 0) {
        fail(`${at}/responses`, 'needs at least one response');
      } else {
        for (const [code, response] of Object.entries(responses)) {
          const r = `${at}/responses/${code}`;
          if (!RESPONSE_CODE.test(code)) fail(r, 'is not a status code, a range (2XX) or default');
          if (!isObject(response) || typeof response.description !== 'string')
            fail(r, 'needs a `description`');
          else {
            if (response.content !== undefined) media(response.content, `${r}/content`);
            if (response.headers !== undefined) {
              for (const [name, header] of Object.entries(response.headers as Json)) {
                if (!isObject(header) || 'schema' in header === 'content' in header)
                  fail(`${r}/headers/${name}`, 'needs exactly one of `schema` and `content`');
                else if (header.schema !== undefined)
                  checkSchema(header.schema, `${r}/headers/${name}/schema`);
              }
            }
          }
        }
      }
      checkSecurity(operation.security, `${at}/security`);
    }
  }

  walk(doc, '', (node, at) => {
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#')) {
      if (resolvePointer(doc, node.$ref.slice(1)) === undefined)
        fail(at, `$ref ${node.$ref} does not resolve`);
    }
  });
  return problems;
}

function walk(node: unknown, at: string, visit: (node: Json, at: string) => void): void {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) walk(child, `${at}/${i}`, visit);
  } else if (isObject(node)) {
    visit(node, at);
    for (const [key, child] of Object.entries(node)) walk(child, `${at}/${key}`, visit);
  }
}

function resolvePointer(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}
