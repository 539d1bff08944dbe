import { z } from 'zod';
import type { CallContext } from './context.js';
import type { Operation } from './define.js';
import { ConnectorError } from './errors.js';
import { runOperation } from './execute.js';
import { type JsonSchema, toJsonSchema } from './json-schema.js';
import type { LookupEntry } from './manifest.js';
import { nextPosition, styleOf } from './paginate.js';
import { validateInput } from './validate.js';

/**
 * Dynamic dropdowns ("lookups"): declarations over existing operations, run through the runtime.
 *
 * - With a `search` operation (persons, deals, ...), a search term of at least `minLength` characters goes to
 *   that operation's `term`, anything shorter lists with the `list` operation; both page on the server, and the
 *   lookup's `next_cursor` wraps the operation's own cursor (or v1 offset).
 * - Without one (users, pipelines, ...), the list is read whole (all pages), filtered by the term
 *   case-insensitively and paged with an offset cursor.
 */

type Shape = Record<string, z.ZodType>;
type Row = Record<string, unknown>;

export interface LookupOption {
  value: string | number;
  label: string;
}

export interface LookupPage {
  options: LookupOption[];
  /** Pass as `cursor` for the next options; null when there are no more. */
  next_cursor: string | null;
}

export interface LookupSearch {
  operation: Operation;
  /** Fixed input of the search (e.g. the `fields` to search). */
  input?: Row;
  /** The shortest term the endpoint takes (default 2); shorter ones list instead. */
  minLength?: number;
}

export interface LookupConfig {
  name: string;
  title: string;
  description: string;
  /** Lists the records: whole when there is no `search`, one page at a time otherwise. */
  list: Operation;
  /** Fixed input of the list operation (e.g. a sort order). */
  listInput?: Row;
  /** Server-side search (persons, deals, ...): search terms go to its `term`. */
  search?: LookupSearch;
  /** Further inputs, passed under the same name to the operations that take them (e.g. `pipeline_id`). */
  params?: Shape;
  /** The params the options depend on (e.g. stages on `pipeline_id`); they must be in `params`. */
  dependsOn?: readonly string[];
  /** Another list whose records, by ID, help label the options (e.g. pipelines for stages). */
  related?: Operation;
  /**
   * A param the list endpoint requires (e.g. `board_id` of the phases): when it is not given, the list is read
   * once for each `related` record, its ID as that param (the phases of every board). Needs `related`, and
   * no `search` (the list is read whole).
   */
  eachRelated?: string;
  /** Where the list's records are in its output, when not in `data` (goals: `data.goals`). */
  records?: (output: unknown) => Row[];
  /** A record (of the list, or a search hit's `item`) as an option; undefined leaves it out. */
  option: (record: Row, related: ReadonlyMap<string, Row>) => LookupOption | undefined;
}

export interface Lookup extends LookupConfig {
  /** The strict input: `search`, `cursor`, `limit` and the params. */
  input: z.ZodObject;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;
const MIN_SEARCH = 2;

/** Declare a lookup (operations/lookups.ts holds them). */
export function defineLookup(config: LookupConfig): Lookup {
  for (const name of config.dependsOn ?? []) {
    if (!config.params?.[name]) throw new Error(`lookup ${config.name}: dependsOn ${name} is not a param`);
  }
  if (config.eachRelated && (!config.related || config.search || !config.params?.[config.eachRelated])) {
    throw new Error(
      `lookup ${config.name}: eachRelated needs related, a param ${config.eachRelated}, no search`,
    );
  }
  const input = z.strictObject({
    search: z
      .string()
      .optional()
      .meta({ description: 'Only options matching this text (case-insensitive)', title: 'Search' }),
    cursor: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'The `next_cursor` of the previous answer, for the next options' }),
    limit: z
      .int()
      .min(1)
      .max(MAX_LIMIT)
      .optional()
      .meta({ description: `How many options to return (1–${MAX_LIMIT}, default ${DEFAULT_LIMIT})` }),
    ...config.params,
  });
  return { ...config, input };
}

/** Find a lookup by name; `unknown_operation` naming the known ones otherwise. */
export function resolveLookup(lookups: readonly Lookup[], name: string): Lookup {
  const found = lookups.find((lookup) => lookup.name === name);
  if (found) return found;
  throw new ConnectorError(
    'unknown_operation',
    `Unknown lookup "${name}". Lookups: ${lookups.map((l) => l.name).join(', ')}.`,
    { lookup: name },
  );
}

// ---------- cursors ----------

type Mode = 'search' | 'list' | 'filter';

function encodeCursor(mode: Mode, position: string | number): string {
  return Buffer.from(JSON.stringify([mode, position])).toString('base64url');
}

function decodeCursor(cursor: string, mode: Mode, lookup: string): string | number {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (Array.isArray(decoded) && decoded.length === 2 && decoded[0] === mode) {
    const position: unknown = decoded[1];
    if (typeof position === 'number' && Number.isSafeInteger(position) && position >= 0) return position;
    if (typeof position === 'string' && position !== '' && mode !== 'filter') return position;
  }
  const message =
    'is not a cursor of this lookup and search (pass the `next_cursor` of the previous answer, with the same search)';
  throw new ConnectorError('invalid_input', `Invalid input for lookup ${lookup}: cursor ${message}.`, {
    issues: [{ path: 'cursor', message }],
  });
}

// ---------- running ----------

/** The params an operation takes (by name), without the undefined ones. */
function paramsFor(op: Operation, params: Row): Row {
  return Object.fromEntries(
    Object.entries(params).filter(([key, value]) => value !== undefined && op.placement[key] !== undefined),
  );
}

/** The records of an operation's output: `data`, or the hits' items for searches. */
function records(op: Operation, output: unknown): Row[] {
  const data = (output as { data?: unknown } | undefined)?.data;
  if (op.pagination?.items === 'data.items') {
    const hits = (data as { items?: unknown } | null | undefined)?.items;
    return (Array.isArray(hits) ? hits : []).map((hit) => (hit as { item?: Row } | null)?.item ?? {});
  }
  return Array.isArray(data) ? (data as Row[]) : [];
}

/** Every record of a list (all pages of a paginated one); `at` says where they are when not in `data`. */
async function readAll(
  op: Operation,
  input: Row,
  ctx: CallContext,
  at?: (output: unknown) => Row[],
): Promise<Row[]> {
  const output = await runOperation(op, op.pagination ? { ...input, return_all: true } : input, ctx);
  return at ? at(output) : records(op, output);
}

/** The whole list; with `eachRelated` not given, the lists of every related record one after the other. */
async function readList(lookup: Lookup, params: Row, related: ReadonlyMap<string, Row>, ctx: CallContext) {
  const input = { ...lookup.listInput, ...paramsFor(lookup.list, params) };
  const each = lookup.eachRelated;
  if (!each || input[each] !== undefined) return readAll(lookup.list, input, ctx, lookup.records);
  const rows: Row[] = [];
  for (const parent of related.values())
    rows.push(...(await readAll(lookup.list, { ...input, [each]: parent.id }, ctx, lookup.records)));
  return rows;
}

function options(lookup: Lookup, rows: Row[], related: ReadonlyMap<string, Row>): LookupOption[] {
  return rows.flatMap((row) => {
    const option = lookup.option(row, related);
    return option ? [option] : [];
  });
}

/** Run a lookup: validate the input, call the list or search operation, map the records to options. */
export async function runLookup(lookup: Lookup, raw: unknown, ctx: CallContext): Promise<LookupPage> {
  const { search, cursor, limit, ...params } = validateInput(lookup.input, raw, `lookup ${lookup.name}`) as {
    search?: string;
    cursor?: string;
    limit?: number;
  } & Row;
  const term = search?.trim() ?? '';
  const size = limit ?? DEFAULT_LIMIT;
  const searchOp = lookup.search;
  // A term too short for the search endpoint lists instead of failing.
  const mode: Mode = !searchOp
    ? 'filter'
    : term.length >= (searchOp.minLength ?? MIN_SEARCH)
      ? 'search'
      : 'list';
  const position = cursor === undefined ? undefined : decodeCursor(cursor, mode, lookup.name);
  const related = new Map<string, Row>();
  if (lookup.related) {
    for (const row of await readAll(lookup.related, {}, ctx)) related.set(String(row.id), row);
  }

  if (mode === 'filter') {
    const offset = (position as number | undefined) ?? 0;
    const rows = await readList(lookup, params, related, ctx);
    const needle = term.toLowerCase();
    const matching = options(lookup, rows, related).filter(
      (o) => !needle || o.label.toLowerCase().includes(needle) || String(o.value).toLowerCase() === needle,
    );
    const end = offset + size;
    return {
      options: matching.slice(offset, end),
      next_cursor: end < matching.length ? encodeCursor('filter', end) : null,
    };
  }

  const op = mode === 'search' && searchOp ? searchOp.operation : lookup.list;
  const style = styleOf(op.pagination);
  const input: Row = {
    ...(mode === 'search' ? { ...searchOp?.input, term } : lookup.listInput),
    ...paramsFor(op, params),
    limit: Math.min(size, op.pagination?.maxLimit ?? size),
    ...(position === undefined ? {} : style === 'offset' ? { start: position } : { cursor: position }),
  };
  const output = await runOperation(op, input, ctx);
  const next = nextPosition(output, style);
  return {
    options: options(
      lookup,
      op === lookup.list && lookup.records ? lookup.records(output) : records(op, output),
      related,
    ),
    next_cursor: next === null ? null : encodeCursor(mode, next),
  };
}

// ---------- manifest and JSON Schema ----------

/** The lookup's entry in the manifest. */
export function lookupEntry(lookup: Lookup): LookupEntry {
  return {
    name: lookup.name,
    title: lookup.title,
    description: lookup.description,
    depends_on: [...(lookup.dependsOn ?? [])],
    input_schema: withLookups(toJsonSchema(lookup.input, 'input')),
  };
}

/** Input fields that are dropdowns, by name, wherever they appear. */
const FIELD_LOOKUPS: Readonly<Record<string, string>> = {
  owner_id: 'users',
  user_id: 'users',
  person_id: 'persons',
  org_id: 'organizations',
  organization_id: 'organizations',
  pipeline_id: 'pipelines',
  stage_id: 'stages',
  deal_id: 'deals',
  product_id: 'products',
  lead_id: 'leads',
  filter_id: 'filters',
  currency: 'currencies',
  role_id: 'roles',
  parent_role_id: 'roles',
  permission_set_id: 'permission_sets',
  project_id: 'projects',
  board_id: 'boards',
  phase_id: 'phases',
  task_id: 'tasks',
  assignee_id: 'users',
};

/** Top-level input fields that are dropdowns only in one resource's operations. */
const RESOURCE_LOOKUPS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  activities: { type: 'activity_types' },
};

/** Fields a dropdown's options depend on, when they are in the same schema. */
const DEPENDS_ON: Readonly<Record<string, readonly string[]>> = {
  stage_id: ['pipeline_id'],
  phase_id: ['board_id'],
  task_id: ['project_id'],
};

type Node = JsonSchema & { properties?: Record<string, Node>; items?: Node };

function annotate(node: unknown, resource: string | undefined, top: boolean): void {
  if (Array.isArray(node)) {
    for (const item of node) annotate(item, resource, false);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const properties = (node as Node).properties;
  if (properties && typeof properties === 'object') {
    for (const [key, property] of Object.entries(properties)) {
      if (!property || typeof property !== 'object' || property['x-lookup']) continue;
      const lookup = (top && resource ? RESOURCE_LOOKUPS[resource]?.[key] : undefined) ?? FIELD_LOOKUPS[key];
      if (!lookup) continue;
      // A list of IDs (a goal's `pipeline_id: [1, 2]`) picks each item from the dropdown, not the list.
      const list = [property, ...((property.anyOf as Node[] | undefined) ?? [])].find(
        (s) => s.type === 'array',
      );
      if (list) {
        if (list.items && typeof list.items === 'object' && !list.items['x-lookup'])
          list.items['x-lookup'] = { lookup };
        continue;
      }
      const dependsOn = (DEPENDS_ON[key] ?? []).filter((name) => name in properties);
      property['x-lookup'] = { lookup, ...(dependsOn.length > 0 ? { dependsOn } : {}) };
    }
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && value && typeof value === 'object') {
      for (const child of Object.values(value)) annotate(child, resource, false);
    } else if (typeof value === 'object') {
      annotate(value, resource, false);
    }
  }
}

/**
 * Mark the dropdown fields of an input JSON Schema with `x-lookup: { lookup, dependsOn? }` (in place), by field
 * name, and for `resource`'s own fields. An `x-lookup` set with zod's `.meta()` is kept as it is. The field
 * keeps its type, so a typed ID or an expression is still accepted.
 */
export function withLookups(schema: JsonSchema, resource?: string): JsonSchema {
  annotate(schema, resource, true);
  return schema;
}
