import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_MAX_FILE_BYTES, type FileValue } from './binary.js';
import type { CallContext } from './context.js';
import {
  alreadyEncoded,
  type CustomFieldEntity,
  customFieldsError,
  type FieldCatalog,
  HASH_KEY,
} from './custom-fields.js';
import type { Operation } from './define.js';
import { ConnectorError } from './errors.js';
import { fileOutput, type PreparedFile, prepareFile } from './files.js';
import { PROBABLY_APPLIED, requestName } from './http-errors.js';
import { fitsOutput } from './output-check.js';
import { nextPosition, type PageState, paginate, styleOf } from './paginate.js';
import { rawRequest, redactSecretFields, redactSecrets } from './raw.js';
import { type ApiRequest, download, send } from './transport.js';
import type { RequestCost } from './usage.js';
import { formatPath, validateInput } from './validate.js';

type Input = Record<string, unknown>;

/** What the runtime uses besides the operation: the custom field definitions of the connection. */
export interface Services {
  fields?: FieldCatalog;
}

function queryValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(',');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Validate a raw input against the operation; throws `invalid_input` naming every bad field. */
export function parseInput(op: Operation, raw: unknown): Input {
  const input = validateInput(op.input, raw, op.name) as Input;
  if (op.method === 'PATCH' || op.method === 'PUT') {
    const bodyFields = Object.keys(op.placement).filter((key) => op.placement[key] === 'body');
    if (bodyFields.length > 0 && !bodyFields.some((key) => input[key] !== undefined)) {
      throw new ConnectorError(
        'invalid_input',
        `Invalid input for ${op.name}: give at least one field to change (${bodyFields.slice(0, 6).join(', ')}${bodyFields.length > 6 ? ', ...' : ''}).`,
        { issues: [{ path: '', message: 'no field to update' }] },
      );
    }
  }
  return input;
}

/**
 * Place each validated field: path parameters encoded into the path, query as strings (arrays as CSV), the body
 * as JSON, or (an operation with files) as multipart text fields beside the files, checked against `maxFileBytes`
 * (runtime/files.ts).
 */
export function buildRequest(op: Operation, input: Input, maxFileBytes = DEFAULT_MAX_FILE_BYTES): ApiRequest {
  const path = op.path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = String(input[key]);
    // `.` and `..` are no IDs: a URL resolves them, and the call would reach another endpoint.
    if (value === '.' || value === '..') {
      const message = 'must be an ID, not `.` or `..`';
      throw new ConnectorError('invalid_input', `Invalid input for ${op.name}: ${key} ${message}.`, {
        issues: [{ path: key, message }],
      });
    }
    return encodeURIComponent(value);
  });
  const searchParams: Record<string, string> = {};
  let body: unknown = {};
  let hasBody = false;
  const files: Record<string, PreparedFile> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const where = op.placement[key];
    if (where === 'query') searchParams[key] = queryValue(value);
    else if (where === 'file') {
      files[key] = prepareFile(key, value as FileValue, op.files?.[key] ?? {}, maxFileBytes);
    } else if (where === 'list-body') {
      body = value;
      hasBody = true;
    } else if (where === 'body') {
      (body as Input)[key] = value;
      hasBody = true;
    } else if (where === 'spread' && value && typeof value === 'object') {
      Object.assign(body as Input, value);
      hasBody = true;
    }
  }
  const request: ApiRequest = { method: op.method, api: op.api, path, searchParams, cost: costOf(op) };
  if (op.encoding === 'multipart') {
    request.form = Object.fromEntries(
      Object.entries(body as Input).map(([key, value]) => [key, queryValue(value)]),
    );
    request.files = files;
  } else if (
    hasBody ||
    (op.method !== 'GET' && op.method !== 'DELETE' && Object.values(op.placement).includes('body'))
  ) {
    request.json = body;
  }
  return checkUrlLength(request, (key) => key);
}

/** What one call of the operation costs, for usage reports (`api_request`: not known, its endpoint decides). */
export function costOf(op: Operation): RequestCost {
  const { tokenCost } = op;
  const tokens =
    tokenCost === 'endpoint' ? null : typeof tokenCost === 'number' ? tokenCost : tokenCost.estimated;
  return {
    tokens,
    ...(typeof tokenCost === 'object' ? { estimated: true } : {}),
    operation: op.name,
    ...(op.raw ? {} : { template: op.path }),
  };
}

/** Cloudflare, in front of Pipedrive's API, refuses longer URLs (414); a huge query is refused before sending. */
export const MAX_URL_CHARS = 16_000;

/**
 * The request's path and query, percent-encoded as they will be sent, must fit in MAX_URL_CHARS; otherwise
 * `invalid_input` names the longest query field (`field` maps a query key to the input path).
 */
export function checkUrlLength(request: ApiRequest, field: (key: string) => string): ApiRequest {
  const query = Object.entries(request.searchParams ?? {});
  const length = request.path.length + new URLSearchParams(query).toString().length;
  if (length <= MAX_URL_CHARS) return request;
  const longest = query.reduce<[string, number]>(
    (best, [key, value]) => {
      const size = new URLSearchParams({ [key]: value }).toString().length;
      return size > best[1] ? [key, size] : best;
    },
    ['', 0],
  );
  const path = longest[0] ? field(longest[0]) : 'path';
  const message = `makes the request URL longer than Pipedrive accepts (${length} of at most ${MAX_URL_CHARS} characters, encoded)`;
  throw new ConnectorError(
    'invalid_input',
    `Invalid input for ${requestName({ ...request, path: request.path.slice(0, 80) })}: ${path} ${message}.`,
    {
      issues: [{ path, message }],
    },
  );
}

/**
 * Validate Pipedrive's answer against the operation's output schema, its secrets first replaced by `[redacted]`
 * (runtime/raw.ts): `list_webhooks` and `add_webhook` (like a raw `GET /v1/webhooks`) get each webhook's Basic
 * password back from Pipedrive, and no answer (logged, stored, shown) carries one.
 */
export function checkOutput(op: Operation, body: unknown): unknown {
  if (op.raw) redactSecrets(body);
  else redactSecretFields(body);
  if (fitsOutput(op.output, body)) return body;
  const result = op.output.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 10).map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message.replace(/^Invalid input: /, ''),
  }));
  const applied = op.method === 'GET' ? '' : PROBABLY_APPLIED;
  throw new ConnectorError(
    'upstream_error',
    `Pipedrive's answer to ${op.name} does not have the documented shape (${issues
      .map((i) => `${i.path || 'body'}: ${i.message}`)
      .join('; ')}).${applied}`,
    { issues, unexpected_response: true },
  );
}

/** `additional_data` that says where to continue: `next_cursor` (v2) or `pagination.next_start` (v1). */
function continuation(op: Operation, next: string | number | null, previous: object | null | undefined) {
  const base = { ...(previous ?? {}) } as Record<string, unknown>;
  if (styleOf(op.pagination) === 'cursor') return { ...base, next_cursor: next, has_more: next !== null };
  const pagination = { ...((base.pagination as object | undefined) ?? {}) } as Record<string, unknown>;
  pagination.more_items_in_collection = next !== null;
  if (next === null) delete pagination.next_start;
  else pagination.next_start = next;
  return { ...base, pagination, has_more: next !== null };
}

function withHasMore(op: Operation, body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  const envelope = body as { additional_data?: object | null };
  return {
    ...envelope,
    additional_data: continuation(op, nextPosition(body, styleOf(op.pagination)), envelope.additional_data),
  };
}

/**
 * The records of a list or search operation, one at a time, following the pages (for `return_all`, the CLI's
 * `--all` and engines that stream). Each page is checked against the output schema as it arrives.
 */
export function streamRecords(
  op: Operation,
  input: Input,
  ctx: CallContext,
  state: PageState = { next: null, pages: 0 },
  services: Services = {},
): AsyncGenerator<unknown, PageState, undefined> {
  if (!op.pagination) {
    throw new ConnectorError(
      'invalid_input',
      `${op.name} is not a list operation; it has no records to stream.`,
    );
  }
  const maxItems = input.max_items as number | undefined;
  return paginate(
    buildRequest(op, input),
    ctx,
    {
      pagination: op.pagination,
      check: byName(op, input, ctx, services, (body) => checkOutput(op, body)),
      ...(maxItems !== undefined ? { maxItems } : {}),
    },
    state,
  );
}

/**
 * `custom_fields` from names and labels to keys and option IDs. Hash keys with plain values go out as they
 * are; otherwise the connection's field definitions are read (cached), and once more, fresh, before an
 * unknown name or label is reported as `invalid_input`.
 */
/** The custom fields a write sent: as given (names, labels) and as sent (keys, option IDs). */
interface FieldWrite {
  entity: CustomFieldEntity;
  given: Input;
  sent: Input;
  /** Given as keys and IDs already (sent as they were, not encoded). */
  asGiven?: true;
}

/** `custom_fields` from names and labels to keys and IDs, with the definitions of the connection. */
async function encodeCustomFields(
  op: Operation,
  input: Input,
  ctx: CallContext,
  services: Services,
): Promise<FieldWrite | undefined> {
  const values = input.custom_fields;
  const where = op.placement.custom_fields;
  // Only values to write: list and get operations use `custom_fields` for a list of keys to include.
  if (!op.customFields || !services.fields || (where !== 'body' && where !== 'spread')) return undefined;
  if (!values || typeof values !== 'object' || Array.isArray(values)) return undefined;
  const { entity } = op.customFields;
  if (alreadyEncoded(values as Input)) {
    return { entity, given: values as Input, sent: values as Input, asGiven: true };
  }
  let fields: Awaited<ReturnType<FieldCatalog['get']>>;
  try {
    fields = await services.fields.get(entity, ctx);
  } catch (error) {
    // Keys are all hashes: Pipedrive can judge the values itself. Names cannot be sent without the definitions.
    if (Object.keys(values).every((key) => HASH_KEY.test(key))) {
      ctx.logger?.warn(
        { operation: op.name },
        'custom field definitions unavailable; custom_fields sent as given',
      );
      return undefined;
    }
    throw error;
  }
  let result = fields.encode(values as Input);
  if (result.unknownNames) {
    fields = await services.fields.get(entity, ctx, { fresh: true });
    result = fields.encode(values as Input);
  }
  if (result.issues.length > 0) throw customFieldsError(result.issues, op.name);
  input.custom_fields = result.value;
  return { entity, given: values as Input, sent: result.value };
}

/** A 400 from Pipedrive about a write's custom fields: its text names a field, an option or a key sent. */
function isFieldError(error: unknown, sent: Input): boolean {
  if (!(error instanceof ConnectorError) || error.details.status !== 400) return false;
  const text = `${String(error.details.pipedrive_error ?? '')} ${String(error.details.pipedrive_code ?? '')}`;
  return /field|option/i.test(text) || Object.keys(sent).some((key) => text.includes(key));
}

/**
 * Pipedrive refused a write over its custom fields: the definitions may have changed since they were read (a
 * field deleted, an option renamed). They are read again, once (so later calls have them too), and the values
 * given encoded with them. True
 * when that changes what is sent: the caller sends the write once more, and its answer stands (no loop). A
 * name or label no longer there is an input error naming it; otherwise Pipedrive's error stands.
 */
async function refreshAfterFieldError(
  op: Operation,
  input: Input,
  error: unknown,
  written: FieldWrite,
  ctx: CallContext,
  services: Services,
): Promise<boolean> {
  if (!services.fields || !isFieldError(error, written.sent)) return false;
  let fresh: Awaited<ReturnType<FieldCatalog['get']>>;
  try {
    fresh = await services.fields.get(written.entity, ctx, { fresh: true });
  } catch {
    return false;
  }
  const result = fresh.encode(written.given);
  // Keys given as they are: a key no longer there is named; otherwise what was given was sent, and stands.
  if (written.asGiven) {
    if (result.unknownNames) throw customFieldsError(result.issues, op.name);
    return false;
  }
  if (result.issues.length > 0) throw customFieldsError(result.issues, op.name);
  // A multipart body's files were streamed once: such a write is not sent again.
  if (isDeepStrictEqual(result.value, written.sent) || op.encoding === 'multipart') return false;
  input.custom_fields = result.value;
  ctx.logger?.info(
    { operation: op.name, entity: written.entity },
    'custom field definitions changed in Pipedrive: the write is sent again with the fresh ones',
  );
  return true;
}

/**
 * Wrap an output check so that each record also gets `custom_fields_by_name`. A failure to read the field
 * definitions (e.g. a scope the connection lacks) leaves the output as Pipedrive sent it, with a warning.
 */
function byName(
  op: Operation,
  input: Input,
  ctx: CallContext,
  services: Services,
  check: (body: unknown) => unknown,
): (body: unknown) => Promise<unknown> {
  const declaration = op.customFields;
  const catalog = services.fields;
  if (!declaration || !catalog || input.custom_fields_by_name === false) return async (body) => check(body);
  // A stream checks each page with this one function: the warning is said once, not once a page.
  let warned = false;
  return async (body) => {
    const output = check(body) as { data?: unknown } | undefined;
    const data = output?.data;
    const records = (Array.isArray(data) ? data : data && typeof data === 'object' ? [data] : []) as Input[];
    if (records.length === 0) return output;
    let fields: Awaited<ReturnType<FieldCatalog['get']>>;
    try {
      fields = await catalog.get(declaration.entity, ctx);
    } catch (error) {
      if (!warned) {
        warned = true;
        ctx.logger?.warn(
          { operation: op.name, code: (error as { code?: string }).code },
          'custom field definitions unavailable; custom_fields_by_name left out',
        );
      }
      return output;
    }
    for (const record of records) {
      const values =
        declaration.style === 'top-level' ? record : (record.custom_fields as Input | null | undefined);
      record.custom_fields_by_name = values && typeof values === 'object' ? fields.decode(values) : {};
    }
    return output;
  };
}

/** Run one operation: validate the input, call Pipedrive, validate and return the output. */
export async function runOperation(
  op: Operation,
  raw: unknown,
  ctx: CallContext,
  services: Services = {},
): Promise<unknown> {
  const input = parseInput(op, raw);
  if (op.compose) {
    return op.compose(input, ctx, {
      ...services,
      run: (step, stepInput, stepCtx) => runOperation(step, stepInput, stepCtx, services),
    });
  }
  const written = await encodeCustomFields(op, input, ctx, services);
  if (op.pagination && input.return_all === true) {
    const state: PageState = { next: null, pages: 0 };
    const records: unknown[] = [];
    for await (const record of streamRecords(op, input, ctx, state, services)) records.push(record);
    const { additional_data, ...first } = (state.firstPage ?? { success: true }) as Record<string, unknown>;
    const data =
      op.pagination.items === 'data.items' ? { ...(first.data as object), items: records } : records;
    const previous =
      styleOf(op.pagination) === 'offset' ? (additional_data as object | null | undefined) : {};
    return { ...first, data, additional_data: continuation(op, state.next, previous) };
  }
  const request = op.raw
    ? { ...checkUrlLength(rawRequest(input, ctx.auth), (key) => `query.${key}`), cost: costOf(op) }
    : buildRequest(op, input, ctx.maxFileBytes);
  if (op.answersFile) {
    const { headers, body } = await download(request, ctx);
    return fileOutput(headers, body);
  }
  let response: Awaited<ReturnType<typeof send>>;
  try {
    response = await send(request, ctx).catch(async (error: unknown) => {
      if (!written || !(await refreshAfterFieldError(op, input, error, written, ctx, services))) throw error;
      return send(buildRequest(op, input, ctx.maxFileBytes), ctx);
    });
  } finally {
    // Changed field definitions (or, after a failure, maybe changed) are read again on their next use.
    if (op.changesFields) services.fields?.clear(ctx, op.changesFields);
  }
  const output = await byName(op, input, ctx, services, (body) => checkOutput(op, body))(response.body);
  return op.pagination ? withHasMore(op, output) : output;
}
