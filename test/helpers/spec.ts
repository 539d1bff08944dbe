import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpec, type OpenApi, SPEC_DIR, specPresent } from '../../scripts/pipedrive-spec.js';

export {
  merged,
  type OpenApi,
  type OpenApiOperation,
  SPEC_DIR,
  SPEC_MISSING_MESSAGE,
  type SpecSchema,
} from '../../scripts/pipedrive-spec.js';

/**
 * Pipedrive's reference data lives outside the repository (scripts/pipedrive-spec.ts says where). Tests that
 * need it skip with SPEC_MISSING_MESSAGE when it is absent, as on a user's fresh clone.
 */
export const SPEC_PRESENT = specPresent('v2');

export function openApiV2(): OpenApi {
  return loadSpec('v2');
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

// ---------- API v1 and the auxiliary operations (users, dropdown sources, field definitions) ----------

export const SPEC_V1_PRESENT = specPresent('v1') && existsSync(join(SPEC_DIR, 'operations-v1-aux.json'));

/** Pipedrive's OpenAPI v1 document (large: parsed once, on first use). */
export function openApiV1(): OpenApi {
  return loadSpec('v1');
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
};
