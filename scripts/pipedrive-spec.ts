/**
 * Pipedrive's reference documents, read at development time only (tests, the drafting script): nothing at run
 * time reads them, and they are not in the repository. They live in `../shared/pipedrive` beside the checkout,
 * or where `PIPEDRIVE_SPEC_DIR` says; whoever needs them checks `specPresent` and skips with
 * `SPEC_MISSING_MESSAGE` when they are absent, as on a user's fresh clone.
 *
 * - `v1`: openapi-v1.yaml, Pipedrive's published API v1 document.
 * - `v2`: openapi-v2.yaml, the published API v2 document.
 * - `sdk`: openapi-v2-sdk.yaml, API v2 as the official SDK knows it (the published 87 and 71 newer endpoints
 *   marked `x-sdk-only`, which have no published token cost).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';

export const SPEC_DIR = resolve(
  process.env.PIPEDRIVE_SPEC_DIR ?? join(import.meta.dirname, '../../shared/pipedrive'),
);
/**
 * Where the JSON copies go: the checkout's own npm cache folder (like vite's), not the shared temporary directory,
 * where another user could leave a file under the name a reader expects.
 */
const SPEC_COPIES = join(import.meta.dirname, '../node_modules/.cache/pipedrive-spec');
export const SPEC_MISSING_MESSAGE = `Pipedrive reference data not found at ${SPEC_DIR} (set PIPEDRIVE_SPEC_DIR): contract checks skipped`;

export type SpecName = 'v1' | 'v2' | 'sdk';

const FILES: Record<SpecName, string> = {
  v1: 'openapi-v1.yaml',
  v2: 'openapi-v2.yaml',
  sdk: 'openapi-v2-sdk.yaml',
};

/** Whether every named document is there. */
export const specPresent = (...names: SpecName[]): boolean =>
  names.every((name) => existsSync(join(SPEC_DIR, FILES[name])));

export interface SpecSchema {
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  format?: string;
  required?: string[];
  properties?: Record<string, SpecSchema>;
  items?: SpecSchema;
  allOf?: SpecSchema[];
  oneOf?: SpecSchema[];
  anyOf?: SpecSchema[];
  additionalProperties?: boolean | SpecSchema;
  description?: string;
  title?: string;
  example?: unknown;
  default?: unknown;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
}

export interface SpecParameter {
  in: string;
  name: string;
  required?: boolean;
  schema?: SpecSchema;
  description?: string;
  example?: unknown;
}

export interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  parameters?: SpecParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: SpecSchema; example?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: SpecSchema; example?: unknown }> }>;
  security?: Record<string, string[]>[];
  'x-token-cost'?: number;
  'x-sdk-only'?: boolean;
}

export interface OpenApi {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, SpecSchema> };
}

const cache = new Map<SpecName, OpenApi>();

/**
 * A document with every local `$ref` replaced by what it points at (shared objects, not copies). Parsed once,
 * on first use (openapi-v1.yaml is 2.7 MB), from its JSON copy when there is one (`parsed`).
 */
export function loadSpec(name: SpecName): OpenApi {
  let doc = cache.get(name);
  if (!doc) {
    doc = resolveRefs(parsed(join(SPEC_DIR, FILES[name]))) as OpenApi;
    cache.set(name, doc);
  }
  return doc;
}

/**
 * A YAML file parsed, by way of a JSON copy (in SPEC_COPIES) named by the YAML text's hash (so never
 * stale): each test file reads the documents anew, and JSON reads about 150 times faster (openapi-v1.yaml: 1.8 s
 * of CPU as YAML, 10 ms as JSON). Only a document that JSON carries exactly is copied; the copy is written whole
 * or not at all (a rename), as two test files may write it at once.
 */
function parsed(file: string): unknown {
  mkdirSync(SPEC_COPIES, { recursive: true });
  const text = readFileSync(file, 'utf8');
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 32);
  const copy = join(SPEC_COPIES, `pipedrive-spec-${hash}.json`);
  if (existsSync(copy)) return JSON.parse(readFileSync(copy, 'utf8'));
  const doc = parse(text);
  const json = JSON.stringify(doc);
  if (isDeepStrictEqual(JSON.parse(json), doc)) {
    const partial = `${copy}.${process.pid}`;
    writeFileSync(partial, json);
    renameSync(partial, copy);
  }
  return doc;
}

function resolveRefs(root: unknown): unknown {
  const resolved = new Map<string, unknown>();
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== 'object') return node;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/')) {
      const known = resolved.get(ref);
      if (known) return known;
      let target: unknown = root;
      for (const key of ref.slice(2).split('/')) target = (target as Record<string, unknown>)[key];
      // Placeholder first, so that a schema referring to itself ends instead of recursing forever.
      const out: Record<string, unknown> = {};
      resolved.set(ref, out);
      Object.assign(out, visit(target));
      return out;
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, visit(value)]));
  };
  return visit(root);
}

/** Merge `allOf` parts into one schema (object parts into one object; a scalar keeps its own type). */
export function merged(schema: SpecSchema | undefined): SpecSchema {
  if (!schema) return {};
  if (!schema.allOf) return schema;
  const { allOf, ...own } = schema;
  const parts = allOf.map(merged);
  // A scalar that wraps its enum in allOf (`{type: number, allOf: [{type: number, enum: [...]}]}`), or an
  // allOf of scalars only (`{allOf: [{type: number, enum: [0, 1]}], description}`).
  if ((own.type && own.type !== 'object') || (!own.type && parts.every(isScalar))) {
    return Object.assign({}, ...parts, own);
  }
  const out: SpecSchema = { ...own, type: 'object', properties: {}, required: [...(own.required ?? [])] };
  Object.assign(out.properties as object, own.properties ?? {});
  for (const part of parts) {
    Object.assign(out.properties as object, part.properties ?? {});
    out.required?.push(...(part.required ?? []));
    if (part.nullable) out.nullable = true;
  }
  return out;
}

const isScalar = (schema: SpecSchema) =>
  schema.type !== undefined && schema.type !== 'object' && schema.type !== 'array' && !schema.properties;

// ---------- endpoints ----------

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof METHODS)[number];

/** One endpoint of a document: method and path as the document writes them, and its operation object. */
export interface Endpoint {
  spec: SpecName;
  method: Method;
  path: string;
  operation: OpenApiOperation;
}

/** The path below the host: `/v1/...` or `/api/v2/...` (SDK-only endpoints are API v2 too). */
export const fullPath = (spec: SpecName, path: string) => `${spec === 'v1' ? '/v1' : '/api/v2'}${path}`;

/** `GET /api/v2/deals/{id}`: how tests, tables and docs name an endpoint. */
export const endpointKey = (endpoint: Pick<Endpoint, 'spec' | 'method' | 'path'>) =>
  `${endpoint.method} ${fullPath(endpoint.spec, endpoint.path)}`;

/**
 * The live endpoints of a document: not `deprecated`. For `sdk`, only those marked `x-sdk-only` (the others
 * are the published v2 document's, which `v2` lists).
 */
export function liveEndpoints(spec: SpecName): Endpoint[] {
  const out: Endpoint[] = [];
  for (const [path, item] of Object.entries(loadSpec(spec).paths)) {
    for (const method of METHODS) {
      const operation = item[method.toLowerCase()];
      if (!operation || operation.deprecated) continue;
      if (spec === 'sdk' && !operation['x-sdk-only']) continue;
      out.push({ spec, method, path, operation });
    }
  }
  return out;
}

/** Every live endpoint of the three documents. */
export const allLiveEndpoints = (): Endpoint[] => [
  ...liveEndpoints('v1'),
  ...liveEndpoints('v2'),
  ...liveEndpoints('sdk'),
];

/**
 * The endpoint an operation calls, by its API version, method and path (exactly as the document writes the
 * path, placeholders included): v1 in openapi-v1.yaml; v2 in openapi-v2.yaml, else among the SDK-only
 * endpoints of openapi-v2-sdk.yaml. Deprecated endpoints are found too (callers check `deprecated`).
 */
export function endpointOf(op: { api: string; method: string; path: string }): Endpoint | undefined {
  const method = op.method.toUpperCase() as Method;
  const find = (spec: SpecName) => {
    const operation = loadSpec(spec).paths[op.path]?.[method.toLowerCase()];
    if (!operation || (spec === 'sdk' && !operation['x-sdk-only'])) return undefined;
    return { spec, method, path: op.path, operation };
  };
  return op.api === 'v1' ? find('v1') : (find('v2') ?? find('sdk'));
}

/** The SDK document's version of a published v2 endpoint (its newer word on query names and bodies). */
export function sdkVersionOf(endpoint: Endpoint): OpenApiOperation | undefined {
  if (endpoint.spec !== 'v2') return undefined;
  return loadSpec('sdk').paths[endpoint.path]?.[endpoint.method.toLowerCase()];
}

/** The OAuth scopes of an endpoint (any one allows the call). */
export const scopesOf = (operation: OpenApiOperation): string[] =>
  (operation.security ?? []).flatMap((entry) => entry.oauth2 ?? []);

/**
 * The request body schema, if any: the JSON one, else a form body's (`application/x-www-form-urlencoded`, which a
 * few v1 endpoints document instead), else a multipart one's (the uploads: its files have `format: binary`). The
 * connector sends every body as JSON, but for files: Pipedrive's APIs read JSON bodies
 * (pipedrive.readme.io/docs/core-api-concepts-requests), and a form body's fields are the same fields.
 */
export const requestBodyOf = (operation: OpenApiOperation): SpecSchema | undefined =>
  operation.requestBody?.content?.['application/json']?.schema ??
  operation.requestBody?.content?.['application/x-www-form-urlencoded']?.schema ??
  operation.requestBody?.content?.['multipart/form-data']?.schema;

/** The media types an endpoint's request body may have (`application/json`, `multipart/form-data`, ...). */
export const requestBodyTypes = (operation: OpenApiOperation): string[] =>
  Object.keys(operation.requestBody?.content ?? {});

/** The 2xx answer: its status, JSON schema and example. */
export function successOf(operation: OpenApiOperation) {
  const ok = Object.entries(operation.responses ?? {}).find(([code]) => code.startsWith('2'));
  const content = ok?.[1].content?.['application/json'];
  return { status: ok ? Number(ok[0]) : 200, schema: content?.schema, example: content?.example };
}

// ---------- token costs ----------

/**
 * The kind of call an endpoint is, for token costs: Pipedrive charges by kind (get one, list, search, add,
 * update, delete, bulk), and an endpoint with no published cost (`x-sdk-only`) costs what the same kind of
 * call costs.
 */
export type CallKind = 'get' | 'list' | 'search' | 'add' | 'update' | 'delete' | 'bulk_add' | 'bulk_delete';

const isPlaceholder = (segment: string | undefined) => segment !== undefined && /^\{.+\}$/.test(segment);

export function kindOf(endpoint: Pick<Endpoint, 'method' | 'path' | 'operation'>): CallKind {
  const segments = endpoint.path.split('/').filter(Boolean);
  const last = segments.at(-1);
  const bodyIsList = merged(requestBodyOf(endpoint.operation)).type === 'array';
  switch (endpoint.method) {
    case 'GET':
      if (segments.some((segment) => /search$/i.test(segment))) return 'search';
      return isPlaceholder(last) ? 'get' : 'list';
    case 'POST':
      return last === 'bulk' || bodyIsList ? 'bulk_add' : 'add';
    case 'PUT':
    case 'PATCH':
      return 'update';
    case 'DELETE':
      return isPlaceholder(last) ? 'delete' : 'bulk_delete';
  }
}

/**
 * What each kind of call costs, as published: the most common `x-token-cost` of that kind in openapi-v2.yaml.
 * The estimate for an endpoint without a published cost.
 */
export function publishedCostsByKind(): Record<CallKind, number> {
  const counts = new Map<CallKind, Map<number, number>>();
  for (const endpoint of liveEndpoints('v2')) {
    const cost = endpoint.operation['x-token-cost'];
    if (cost === undefined) continue;
    const kind = kindOf(endpoint);
    const byCost = counts.get(kind) ?? new Map<number, number>();
    byCost.set(cost, (byCost.get(cost) ?? 0) + 1);
    counts.set(kind, byCost);
  }
  const out = {} as Record<CallKind, number>;
  for (const [kind, byCost] of counts) {
    // The most common cost; on a tie, the higher one (an estimate should not promise a cheaper call).
    out[kind] = [...byCost].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] as number;
  }
  return out;
}

/**
 * The published cost of each kind of call as recorded (docs/decisions.md, "Token costs"); test/token-cost.test.ts
 * checks it against `publishedCostsByKind()`. The estimate of an endpoint without a published cost.
 */
export const COSTS_BY_KIND: Readonly<Record<CallKind, number>> = {
  get: 1,
  list: 10,
  search: 20,
  add: 5,
  update: 5,
  delete: 3,
  bulk_add: 25,
  bulk_delete: 15,
};

/** The token cost an operation on this endpoint declares: the published one, or the estimate for its kind. */
export function declaredCostFor(endpoint: Endpoint): number | { estimated: number } {
  const published = endpoint.operation['x-token-cost'];
  if (published !== undefined) return published;
  return { estimated: COSTS_BY_KIND[kindOf(endpoint)] };
}
