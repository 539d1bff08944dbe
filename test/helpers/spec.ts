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
