import { z } from 'zod';
import type { BinaryField } from './binary.js';
import type { CallContext } from './context.js';
import type { CustomFieldEntity, CustomFieldsDeclaration, FieldCatalog } from './custom-fields.js';
import { fileRules, isFileAnswer } from './files.js';
import { describe } from './json-schema.js';
import type { Pagination } from './paginate.js';
import type { ApiVersion, HttpMethod } from './transport.js';

type Shape = Record<string, z.ZodType>;

/**
 * Where an input field goes: path, query, body, spread into the body (v1 custom fields), the whole JSON body
 * (`list-body`: endpoints that take a top-level array), a file part of a multipart body (`file`), or nowhere.
 */
export type Placement = 'path' | 'query' | 'body' | 'spread' | 'list-body' | 'file' | 'control';

/**
 * How the body goes: JSON, or `multipart` (multipart/form-data: the body fields as text parts and the files; an
 * operation with `files`). A body Pipedrive documents as a form goes as JSON too (docs/decisions.md).
 */
export type BodyEncoding = 'json' | 'multipart';

/**
 * What one call costs in Pipedrive's daily token budget (one page, for lists): the `x-token-cost` of Pipedrive's
 * document, or `{ estimated }` for an endpoint Pipedrive publishes no cost for (the cost of the same kind of
 * call: get one, list, search, add, update, delete, bulk). `'endpoint'` only for the raw `api_request`, which
 * costs what the endpoint it calls costs.
 */
export type TokenCost = number | { estimated: number } | 'endpoint';

const paginationShape = (maxLimit: number) => ({
  cursor: describe(
    z.string().min(1),
    'For pagination, the marker (an opaque string value) representing the first item on the next page',
  ),
  start: describe(z.int().min(0), 'For pagination, the position of the first item to return (default 0)'),
  limit: describe(
    z.int().min(1).max(maxLimit),
    `For pagination, the limit of entries to be returned (1–${maxLimit}). Pipedrive's default is 100 when omitted.`,
  ),
  return_all: describe(
    z.boolean(),
    'Follow the cursor through every page and return all records (up to `max_items`)',
    'Return all',
  ),
  max_items: describe(
    z.int().min(1),
    'With `return_all`, stop after this many records; the output says whether more remain',
    'Max items',
  ),
});

/**
 * The input `custom_fields` of an operation that writes records with custom fields: what every surface shows of
 * "custom fields by name" (the manifest, `describe`, the playground, MCP tools), whatever the record schema says.
 */
const customFieldsInput = () =>
  describe(
    z.record(z.string(), z.unknown()).optional(),
    'Custom field values by field name or key, e.g. `{"Plan tier": "Enterprise"}`: names as in Pipedrive (any case), or the 40-character keys; option fields take labels or option IDs; `null` clears a value',
    'Custom fields',
  );

const customFieldsByName = () =>
  describe(
    z.boolean().optional(),
    'Whether to add `custom_fields_by_name` to the output: the custom fields under their names, option labels resolved (default on)',
    'Custom fields by name',
  );

type PaginationInput = Partial<z.input<z.ZodObject<ReturnType<typeof paginationShape>>>>;

/** What an operation's declaration and the operation made from it both say. */
interface OperationInfo {
  /** snake_case name of the operation, e.g. `add_deal`. */
  name: string;
  title: string;
  description: string;
  /** Group shown in pickers: activities, deals, persons, ... */
  resource: string;
  method: HttpMethod;
  /** Path below the API base with `{param}` placeholders, e.g. `/deals/{id}`. */
  path: string;
  /** OAuth scopes, any one of which allows the call. */
  scopes: readonly string[];
  /**
   * The records carry custom fields of this entity: `custom_fields` in the input accepts names and labels,
   * and the output gets `custom_fields_by_name` (control input of the same name, default on).
   */
  customFields?: CustomFieldsDeclaration;
  /**
   * The operation changes this entity's field definitions (adds, updates or deletes fields or their options):
   * after the call, the connection's cached definitions of the entity are forgotten, so that custom fields by
   * name see the change at once.
   */
  changesFields?: CustomFieldEntity;
  /**
   * The input is the request itself (`api_request`): `method`, `path`, `query` and `body`, checked and sent by
   * runtime/raw.ts; its fields go nowhere on their own, and `method`/`path` here are placeholders (the manifest
   * shows `ANY {path}`).
   */
  raw?: boolean;
  /** Pipedrive's token cost of one call (see TokenCost). */
  tokenCost: TokenCost;
}

export interface OperationConfig<
  P extends Shape,
  Q extends Shape,
  B extends Shape,
  O extends z.ZodType,
  Pg extends Pagination | undefined,
  L extends Shape = Record<never, never>,
  F extends Shape = Record<never, never>,
> extends OperationInfo {
  /** `v2` (default) or `v1`. */
  api?: ApiVersion;
  /** Path parameters; each must appear in `path` as `{name}`. */
  params?: P;
  /** Query parameters. Arrays are sent as comma-separated values. */
  query?: Q;
  /** JSON body fields. */
  body?: B;
  /**
   * One field whose value is the whole JSON body, for endpoints that take a top-level array (the options of a
   * field); not together with `body`.
   */
  listBody?: L;
  /**
   * File fields (`fileField` of runtime/files.ts): the body goes as multipart/form-data, these as file parts and
   * the `body` fields as text parts.
   */
  files?: F;
  /** Present on list and search operations: adds `cursor`, `limit`, `return_all` and `max_items`. */
  pagination?: Pg;
  /** A rule across fields that no one field's schema can say (e.g. a merge into itself); see InputCheck. */
  check?: InputCheck;
  /** The answer's schema; `fileAnswer(...)` (runtime/files.ts) for an endpoint that answers a file. */
  output: O;
  /** An input the real API accepts (a file as `{ base64, name, type }`). */
  sample: z.input<z.ZodObject<P & Q & B & L & F>> & (Pg extends Pagination ? PaginationInput : unknown);
}

/** What a composed operation runs its steps with: other operations through the runtime, and the field definitions. */
export interface ComposeServices {
  fields?: FieldCatalog;
  run(op: Operation, input: Record<string, unknown>, ctx: CallContext): Promise<unknown>;
}

export interface Operation extends OperationInfo {
  api: ApiVersion;
  /**
   * A composed operation (find-or-create, upsert: runtime/upsert.ts) runs other operations, `steps`, instead of
   * one request; its `method` and `path` are those of the add operation, and its input fields all go nowhere.
   */
  compose?: (input: Record<string, unknown>, ctx: CallContext, services: ComposeServices) => Promise<unknown>;
  /** The operations a composed one runs, by name. */
  steps?: readonly string[];
  pagination?: Pagination;
  /** The flat, strict input: path, query and body fields side by side. */
  input: z.ZodObject;
  output: z.ZodType;
  /** Where each input field goes. */
  placement: Readonly<Record<string, Placement>>;
  /** The declaration's rule across fields, also applied by `input`. */
  check?: InputCheck;
  /** How the body goes (see BodyEncoding). */
  encoding: BodyEncoding;
  /** The file fields and the content types each takes (an operation with `files`). */
  files?: Readonly<Record<string, BinaryField>>;
  /** The endpoint answers a file: `execute` resolves to a FileOutput (its bytes as a stream), not JSON. */
  answersFile?: true;
  sample: Record<string, unknown>;
}

/**
 * A rule across the fields of a valid input: the field at fault and why (`invalid_input` naming it, nothing
 * sent), or undefined when the input is fine. It runs once every field has parsed.
 */
export type InputCheck = (input: Record<string, unknown>) => { field: string; message: string } | undefined;

/**
 * Declare an operation. Operation files contain only this call: the HTTP work is the runtime's.
 */
export function defineOperation<
  P extends Shape = Record<never, never>,
  Q extends Shape = Record<never, never>,
  B extends Shape = Record<never, never>,
  O extends z.ZodType = z.ZodType,
  Pg extends Pagination | undefined = undefined,
  L extends Shape = Record<never, never>,
  F extends Shape = Record<never, never>,
>(config: OperationConfig<P, Q, B, O, Pg, L, F>): Operation {
  const placement: Record<string, Placement> = {};
  const shape: Shape = {};
  const add = (fields: Shape | undefined, where: Placement) => {
    for (const [key, schema] of Object.entries(fields ?? {})) {
      if (placement[key]) {
        throw new Error(`${config.name}: field "${key}" is declared as both ${placement[key]} and ${where}`);
      }
      placement[key] = where;
      shape[key] = schema;
    }
  };
  add(config.params, 'path');
  add(config.query, 'query');
  const pagination: Pagination | undefined = config.pagination;
  if (pagination) {
    const { cursor, start, limit, return_all, max_items } = paginationShape(pagination.maxLimit);
    const position: Shape =
      pagination.style === 'offset' ? { start: start.optional() } : { cursor: cursor.optional() };
    add({ ...position, limit: limit.optional() }, 'query');
    add({ return_all: return_all.optional(), max_items: max_items.optional() }, 'control');
  }
  const files: Record<string, BinaryField> = {};
  for (const [key, schema] of Object.entries(config.files ?? {})) {
    const rules = fileRules(schema);
    if (!rules) throw new Error(`${config.name}: files.${key} is not a fileField`);
    files[key] = rules;
  }
  if (Object.keys(files).length > 0 && (config.listBody || config.method === 'GET')) {
    throw new Error(`${config.name}: files go in a multipart body, without listBody or GET`);
  }
  add(config.files, 'file');
  add(config.body, 'body');
  if (config.listBody && (config.body || Object.keys(config.listBody).length !== 1)) {
    throw new Error(`${config.name}: listBody is one field, and excludes body`);
  }
  add(config.listBody, 'list-body');
  if (config.customFields) {
    if (config.customFields.style === 'top-level' && Object.values(placement).includes('body')) {
      add({ custom_fields: customFieldsInput() }, 'spread');
    } else if (placement.custom_fields === 'body') {
      // The record's own schema describes Pipedrive's keys; the input takes names too (runtime/execute.ts).
      shape.custom_fields = customFieldsInput();
    }
    add({ custom_fields_by_name: customFieldsByName() }, 'control');
  }
  if (config.raw) for (const key of Object.keys(placement)) placement[key] = 'control';
  if ((config.tokenCost === 'endpoint') !== (config.raw === true)) {
    throw new Error(`${config.name}: tokenCost 'endpoint' is for the raw operation, and only for it`);
  }

  const inPath = [...config.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const declared = Object.keys(config.params ?? {});
  if (inPath.sort().join() !== declared.sort().join()) {
    throw new Error(`${config.name}: path ${config.path} needs params [${inPath}], declared [${declared}]`);
  }

  return {
    name: config.name,
    title: config.title,
    description: config.description,
    resource: config.resource,
    method: config.method,
    path: config.path,
    api: config.api ?? 'v2',
    scopes: config.scopes,
    ...(pagination ? { pagination } : {}),
    ...(config.customFields ? { customFields: config.customFields } : {}),
    ...(config.changesFields ? { changesFields: config.changesFields } : {}),
    ...(config.raw ? { raw: true } : {}),
    tokenCost: config.tokenCost,
    input: withCheck(z.strictObject(shape), config.check),
    output: config.output,
    placement,
    ...(config.check ? { check: config.check } : {}),
    encoding: Object.keys(files).length > 0 ? 'multipart' : 'json',
    ...(Object.keys(files).length > 0 ? { files } : {}),
    ...(isFileAnswer(config.output) ? { answersFile: true as const } : {}),
    sample: config.sample as Record<string, unknown>,
  };
}

/** The input schema with the declaration's rule across fields, checked once every field has parsed. */
function withCheck(input: z.ZodObject, check: InputCheck | undefined): z.ZodObject {
  if (!check) return input;
  return input.check((payload) => {
    if (payload.issues.length > 0) return;
    const fault = check(payload.value as Record<string, unknown>);
    if (fault) {
      payload.issues.push({
        code: 'custom',
        path: [fault.field],
        message: fault.message,
        input: payload.value,
      });
    }
  });
}
