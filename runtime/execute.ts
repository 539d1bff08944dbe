import type { CallContext } from './context.js';
import type { Operation } from './define.js';
import { ConnectorError } from './errors.js';
import {
  type ApiRequest,
  nextPosition,
  type PageState,
  type PageStyle,
  paginate,
  send,
} from './transport.js';
import { formatPath, validateInput } from './validate.js';

type Input = Record<string, unknown>;

function queryValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(',');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Validate a raw input against the operation; throws `invalid_input` naming every bad field. */
export function parseInput(op: Operation, raw: unknown): Input {
  const input = validateInput(op.input, raw, op.name) as Input;
  if (op.method === 'PATCH') {
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

/** Place each validated field: path parameters encoded into the path, query as strings (arrays as CSV), body. */
export function buildRequest(op: Operation, input: Input): ApiRequest {
  const path = op.path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(String(input[key])));
  const searchParams: Record<string, string> = {};
  const body: Input = {};
  let hasBody = false;
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const where = op.placement[key];
    if (where === 'query') searchParams[key] = queryValue(value);
    else if (where === 'body') {
      body[key] = value;
      hasBody = true;
    }
  }
  const request: ApiRequest = { method: op.method, api: op.api, path, searchParams };
  if (
    hasBody ||
    (op.method !== 'GET' && op.method !== 'DELETE' && Object.values(op.placement).includes('body'))
  ) {
    request.json = body;
  }
  return request;
}

/** Validate Pipedrive's answer against the operation's output schema. */
export function checkOutput(op: Operation, body: unknown): unknown {
  const result = op.output.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 10).map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message.replace(/^Invalid input: /, ''),
  }));
  const applied =
    op.method === 'GET'
      ? ''
      : ' Pipedrive accepted the request (HTTP 2xx), so the change has probably been applied: check before running it again.';
  throw new ConnectorError(
    'upstream_error',
    `Pipedrive's answer to ${op.name} does not have the documented shape (${issues
      .map((i) => `${i.path || 'body'}: ${i.message}`)
      .join('; ')}).${applied}`,
    { issues, unexpected_response: true },
  );
}

function style(op: Operation): PageStyle {
  return op.pagination?.style ?? 'cursor';
}

/** `additional_data` that says where to continue: `next_cursor` (v2) or `pagination.next_start` (v1). */
function continuation(op: Operation, next: string | number | null, previous: object | null | undefined) {
  const base = { ...(previous ?? {}) } as Record<string, unknown>;
  if (style(op) === 'cursor') return { ...base, next_cursor: next, has_more: next !== null };
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
    additional_data: continuation(op, nextPosition(body, style(op)), envelope.additional_data),
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
      style: style(op),
      itemsPath: op.pagination.items ?? 'data',
      maxLimit: op.pagination.maxLimit,
      check: (body) => checkOutput(op, body),
      ...(maxItems !== undefined ? { maxItems } : {}),
    },
    state,
  );
}

/** Run one operation: validate the input, call Pipedrive, validate and return the output. */
export async function runOperation(op: Operation, raw: unknown, ctx: CallContext): Promise<unknown> {
  const input = parseInput(op, raw);
  if (op.pagination && input.return_all === true) {
    const state: PageState = { next: null, pages: 0 };
    const records: unknown[] = [];
    for await (const record of streamRecords(op, input, ctx, state)) records.push(record);
    const { additional_data, ...first } = (state.firstPage ?? { success: true }) as Record<string, unknown>;
    const data =
      op.pagination.items === 'data.items' ? { ...(first.data as object), items: records } : records;
    const previous = style(op) === 'offset' ? (additional_data as object | null | undefined) : {};
    return { ...first, data, additional_data: continuation(op, state.next, previous) };
  }
  const response = await send(buildRequest(op, input), ctx);
  const output = checkOutput(op, response.body);
  return op.pagination ? withHasMore(op, output) : output;
}
