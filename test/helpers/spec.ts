import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/**
 * Pipedrive's reference data lives outside the repository (../shared/pipedrive, or PIPEDRIVE_SPEC_DIR).
 * Tests that need it skip with this message when it is absent, as on a user's fresh clone.
 */
export const SPEC_DIR = resolve(
  process.env.PIPEDRIVE_SPEC_DIR ?? join(import.meta.dirname, '../../../shared/pipedrive'),
);
export const SPEC_PRESENT = existsSync(join(SPEC_DIR, 'openapi-v2.yaml'));
export const SPEC_MISSING_MESSAGE = `Pipedrive reference data not found at ${SPEC_DIR} (set PIPEDRIVE_SPEC_DIR): contract checks skipped`;

let cachedV2: OpenApi | undefined;

export interface OpenApiOperation {
  parameters?: { in: string; name: string; required?: boolean; schema?: SpecSchema; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: SpecSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: SpecSchema; example?: unknown }> }>;
  security?: Record<string, string[]>[];
}

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
}

export interface OpenApi {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export function openApiV2(): OpenApi {
  cachedV2 ??= parse(readFileSync(join(SPEC_DIR, 'openapi-v2.yaml'), 'utf8')) as OpenApi;
  return cachedV2;
}

export interface SdkField {
  name: string;
  type: string;
  required: boolean;
  enum?: unknown[];
  properties?: SdkField[];
}

export interface SdkOperation {
  name: string;
  method: string;
  path: string;
  pathParams: SdkField[];
  query: SdkField[];
  body: SdkField[] | null;
  oauthScopes: string[];
}

export function sdkOperations(): SdkOperation[] {
  return JSON.parse(readFileSync(join(SPEC_DIR, 'operations-v2.json'), 'utf8')) as SdkOperation[];
}

/** Merge `allOf` parts into one object schema. */
export function merged(schema: SpecSchema | undefined): SpecSchema {
  if (!schema) return {};
  if (!schema.allOf) return schema;
  const { allOf, ...own } = schema;
  // A scalar that wraps its enum in allOf (`{type: number, allOf: [{type: number, enum: [...]}]}`).
  if (own.type && own.type !== 'object') return Object.assign({}, ...allOf.map(merged), own);
  const out: SpecSchema = { type: 'object', properties: {}, required: [] };
  for (const part of schema.allOf.map(merged)) {
    Object.assign(out.properties as object, part.properties ?? {});
    out.required?.push(...(part.required ?? []));
  }
  return out;
}

// ---------- API v1 and the auxiliary operations (users, dropdown sources, field definitions) ----------

export const SPEC_V1_PRESENT =
  existsSync(join(SPEC_DIR, 'openapi-v1.yaml')) && existsSync(join(SPEC_DIR, 'operations-v1-aux.json'));

let cachedV1: OpenApi | undefined;

/** Pipedrive's OpenAPI v1 document (large: parsed once, on first use). */
export function openApiV1(): OpenApi {
  cachedV1 ??= parse(readFileSync(join(SPEC_DIR, 'openapi-v1.yaml'), 'utf8')) as OpenApi;
  return cachedV1;
}

/** A field of an SDK response model in operations-v1-aux.json. */
export interface AuxModelField {
  name: string;
  type: string;
  required?: boolean;
  nullable?: boolean;
  enum?: unknown[];
  description?: string;
  properties?: AuxModelField[];
  items?: { type: string; properties?: AuxModelField[] };
}

/** An entry of operations-v1-aux.json: an SDK operation (v1, or v2 for field definitions) with its response model. */
export interface AuxOperation extends SdkOperation {
  apiVersion: 'v1' | 'v2';
  summary?: string;
  response?: { type: string; model?: string; properties?: AuxModelField[] };
}

export function auxOperations(): AuxOperation[] {
  return JSON.parse(readFileSync(join(SPEC_DIR, 'operations-v1-aux.json'), 'utf8')) as AuxOperation[];
}

/** Our names of operations-v1-aux.json entries that are named differently there. */
export const AUX_NAMES: Readonly<Record<string, string>> = {
  find_users: 'find_users_by_name',
  list_deal_fields: 'v2_list_deal_fields',
  list_person_fields: 'v2_list_person_fields',
  list_organization_fields: 'v2_list_organization_fields',
  list_product_fields: 'v2_list_product_fields',
  list_activity_fields: 'v2_list_activity_fields',
};

/**
 * API v2 operations documented only by the SDK's models (operations-v1-aux.json), not by openapi-v2.yaml:
 * the field definitions. test/contract-v1.test.ts checks them.
 */
export const V2_SDK_ONLY: ReadonlySet<string> = new Set(
  Object.entries(AUX_NAMES)
    .filter(([, aux]) => aux.startsWith('v2_'))
    .map(([ours]) => ours),
);
