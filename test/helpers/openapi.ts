import { Ajv2020 } from 'ajv/dist/2020.js';

/**
 * What the official OpenAPI 3.1 JSON Schema (checked by @seriousme/openapi-schema-validator in
 * test/server/openapi.test.ts) cannot say about a document: that each path's `{parameters}` are the ones described,
 * operation IDs are unique, two paths are not the same template, security requirements and tags name what is
 * declared, local `$ref`s resolve, and every Schema Object compiles as JSON Schema 2020-12 without OpenAPI 3.0's
 * `nullable`. Returns the problems, each with its JSON pointer; empty when there are none.
 */

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The text of each Schema Object that compiled: the same schema is in many places and in the documents of several
 * hosts (a file checks a host with and without OAuth), and compiles the same each time. One that does not compile
 * is compiled, and reported, wherever it is.
 */
const compiles = new Set<string>();

export function checkOpenApiSemantics(doc: Json): string[] {
  const problems: string[] = [];
  const fail = (where: string, message: string) => problems.push(`${where || '/'}: ${message}`);
  // Compiled to see that it compiles, never run: without Ajv's optimizing pass over the generated code (half of a
  // compile; a schema that does not compile is refused before that pass).
  const ajv = new Ajv2020({ strict: false, validateFormats: false, code: { optimize: false } });
  const checkSchema = (schema: unknown, where: string) => {
    if (!isObject(schema)) return;
    walk(schema, where, (node, at) => {
      if ('nullable' in node) fail(at, '`nullable` is OpenAPI 3.0; 3.1 uses `type: [..., "null"]`');
    });
    const text = JSON.stringify({ ...schema, $id: undefined });
    if (compiles.has(text)) return;
    try {
      ajv.compile({ ...schema, $id: undefined });
      compiles.add(text);
    } catch (error) {
      fail(where, `does not compile: ${(error as Error).message}`);
    }
  };

  const components = isObject(doc.components) ? doc.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const checkSecurity = (security: unknown, where: string) => {
    if (!Array.isArray(security)) return;
    for (const [i, requirement] of security.entries()) {
      for (const name of Object.keys(isObject(requirement) ? requirement : {})) {
        if (!(name in schemes)) fail(`${where}/${i}/${name}`, 'is not in components.securitySchemes');
      }
    }
  };
  checkSecurity(doc.security, '/security');
  const tags = new Set((Array.isArray(doc.tags) ? doc.tags : []).map((t) => (t as Json).name));

  const operationIds = new Set<string>();
  const shapes = new Map<string, string>();
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const where = `/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const shape = path.replace(/\{[^}]+\}/g, '{}');
    if (shapes.has(shape)) fail(where, `same template as ${shapes.get(shape)} with other parameter names`);
    shapes.set(shape, path);
    if (!isObject(item)) continue;
    const templated = new Set([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string));
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const at = `${where}/${method}`;
      if (operation.operationId !== undefined) {
        const id = String(operation.operationId);
        if (operationIds.has(id)) fail(`${at}/operationId`, `${id} is not unique`);
        operationIds.add(id);
      }
      for (const tag of Array.isArray(operation.tags) ? operation.tags : []) {
        if (!tags.has(tag)) fail(`${at}/tags`, `tag ${tag} is not declared in /tags`);
      }
      const parameters = [
        ...(Array.isArray(item.parameters) ? item.parameters : []),
        ...(Array.isArray(operation.parameters) ? operation.parameters : []),
      ] as Json[];
      const inPath = new Set(parameters.filter((p) => p.in === 'path').map((p) => String(p.name)));
      for (const name of templated)
        if (!inPath.has(name)) fail(at, `path parameter {${name}} is not described`);
      for (const name of inPath)
        if (!templated.has(name)) fail(at, `path parameter ${name} is not in the path`);
      for (const [i, parameter] of parameters.entries())
        checkSchema(parameter.schema, `${at}/parameters/${i}/schema`);
      const bodies = isObject(operation.requestBody) ? [operation.requestBody] : [];
      const responses = Object.values(isObject(operation.responses) ? operation.responses : {});
      for (const [i, part] of [...bodies, ...responses].entries()) {
        for (const [type, media] of Object.entries(
          isObject((part as Json).content) ? ((part as Json).content as Json) : {},
        )) {
          checkSchema((media as Json).schema, `${at}/content/${i}/${type}/schema`);
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
