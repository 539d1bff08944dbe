import { z } from 'zod';
import { type CallContext, cacheKeyOf, type KeyCoordinator } from './context.js';
import type { CustomFieldEntity, FieldDefinition } from './custom-fields.js';
import type { ComposeServices, Operation } from './define.js';
import { ConnectorError } from './errors.js';
import { describe } from './json-schema.js';

/**
 * Find-or-create and upsert: operations composed of other operations, run through the same runtime (a search,
 * then a get, an add or an update), with no HTTP code of their own.
 *
 * - **Exact.** Pipedrive's search is fuzzy (and `exact_match` ignores case): its hits are only candidates, each
 *   checked against the value exactly: e-mail case-insensitively, anything else as it is (ends trimmed). A hit that
 *   does not carry the value (a custom field) is read (`get`, 1 token) and checked.
 * - **One record per key.** Concurrent calls for one key (connection, kind of record, field, value) share one
 *   search-and-create in this process (single flight: the others get its record, and an upsert then applies its
 *   own changes to it); `ctx.coordinator` (the host: a lock per key in its store) extends that to other
 *   processes. The record each key found or created is remembered for a while, so that a call right after does
 *   not depend on Pipedrive's search having indexed it yet (and reads 1 token instead of searching for 20).
 * - **More than one match** is a `conflict` naming them, unless `on_multiple` chooses (`first`: Pipedrive's most
 *   relevant hit; `oldest`: the earliest added).
 *
 * What cannot be guarded: a record created at the same moment by something else (Pipedrive's UI, another app, a
 * process without the coordinator) — Pipedrive has no unique keys. See docs/decisions.md.
 */

type Row = Record<string, unknown>;

/** How a field is matched: where a search looks for it, and where its values are in a hit and a record. */
export interface MatchField {
  /** The search's `fields` value for it (`email`, `name`, `title`, `custom_fields`). */
  search: string;
  /** The values a search hit's `item` carries for it; absent when hits do not carry it (the record is read). */
  fromHit?: (item: Row) => unknown[];
  /** The values a record carries for it. */
  fromRecord: (record: Row) => unknown[];
  /** Compare ignoring case (e-mail addresses). */
  caseInsensitive?: boolean;
  /** The input fields that give a new record the value, merged into what the input gives. */
  create: (value: string, input: Row) => Row;
}

/** A list of values (`emails: [{ value }]`, `emails: ["a@b"]`) or one value, as plain values. */
export function valuesOf(value: unknown): unknown[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map((item) =>
    item !== null && typeof item === 'object' && 'value' in item ? (item as { value: unknown }).value : item,
  );
}

/** A standard field matched by the key `key` of hits and records (`name`, `title`), set as is on a new record. */
export function plainField(search: string, key = search): MatchField {
  return {
    search,
    fromHit: (item) => valuesOf(item[key]),
    fromRecord: (record) => valuesOf(record[key]),
    create: (value, input) => (input[key] === undefined ? { [key]: value } : {}),
  };
}

/**
 * A person's e-mail or phone: hits carry a list of strings (`emails`), records a list of `{ value }`; a new
 * person gets the value added to the list the input gives (primary when the input names no primary one).
 */
export function channelField(search: string, key: string, caseInsensitive = false): MatchField {
  return {
    search,
    caseInsensitive,
    fromHit: (item) => valuesOf(item[key]),
    fromRecord: (record) => valuesOf(record[key]),
    create: (value, input) => {
      const given = Array.isArray(input[key]) ? (input[key] as Row[]) : [];
      const same = (v: unknown) =>
        caseInsensitive ? String(v).toLowerCase() === value.toLowerCase() : String(v) === value;
      if (given.some((entry) => same(entry?.value))) return {};
      const primary = !given.some((entry) => entry?.primary === true);
      return { [key]: [...given, { value, primary }] };
    },
  };
}

export interface UpsertConfig {
  name: string;
  title: string;
  description: string;
  resource: string;
  /** The kind of record, as messages name it: `person`, `organization`, `deal`, `lead`. */
  noun: string;
  search: Operation;
  get: Operation;
  add: Operation;
  /** Upserts: the update applied to a match. Find-or-create has none. */
  update?: Operation;
  /**
   * Find-or-create: the field matched, given in the input field of the same name (required there). Without it,
   * the input names the field (`match_field`, a standard one of `fields` or a custom field) and the value
   * (`match_value`).
   */
  fixed?: string;
  /** The standard fields that can be matched, by `match_field` key (other keys are custom fields). */
  fields: Readonly<Record<string, MatchField>>;
  /** The JSON Schema lookup of the record's fields, for `match_field`'s dropdown (`person_fields`). */
  fieldsLookup?: string;
  sample: Row;
}

/** What an upsert or find-or-create did. */
export type UpsertAction = 'found' | 'created' | 'updated';

/** How long the record of a key is remembered: longer than any search indexing delay, short enough to notice a change. */
export const REMEMBER_MS = 10 * 60_000;

/** Pipedrive's search types that can be searched by value (its `fields` documentation). */
const SEARCHABLE_TYPES = new Set([
  'address',
  'varchar',
  'text',
  'varchar_auto',
  'double',
  'monetary',
  'phone',
]);

/** At most this many matches are read to choose the oldest, or named in a conflict. */
const MAX_MATCHES = 20;

const onMultiple = z
  .enum(['error', 'first', 'oldest'])
  .meta({
    title: 'On several matches',
    description:
      "What to do when more than one record matches exactly: `error` (default: a `conflict` naming them), `first` (Pipedrive's most relevant hit), `oldest` (the earliest added)",
    'x-enum-labels': { error: 'Fail (conflict)', first: 'Take the first', oldest: 'Take the oldest' },
  })
  .optional();

/** The input fields a record is made from: the add operation's body (custom fields included) and control fields. */
function recordShape(add: Operation): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(add.input.shape as Record<string, z.ZodType>)) {
    const where = add.placement[key];
    if (where === 'body' || where === 'spread' || key === 'custom_fields_by_name') shape[key] = schema;
  }
  return shape;
}

const optionalShape = (shape: Record<string, z.ZodType>) =>
  Object.fromEntries(
    Object.entries(shape).map(([key, schema]) => [
      key,
      schema instanceof z.ZodOptional ? schema : schema.optional(),
    ]),
  );

/** The operation's input: the match, `on_multiple` and the record's fields. */
function inputOf(config: UpsertConfig): z.ZodObject {
  const values = recordShape(config.add);
  if (config.fixed) {
    const fixed = config.fixed;
    const own = values[fixed] ?? describe(z.string().min(1), `The ${fixed} to find`);
    const { [fixed]: _, ...rest } = values;
    const given =
      fixed === 'email'
        ? describe(
            z.email(),
            `The e-mail address to find the ${config.noun} by (case-insensitive); a new ${config.noun} gets it`,
            'Email',
          )
        : describe(
            (own instanceof z.ZodOptional ? (own.unwrap() as z.ZodType) : own) as z.ZodType,
            `The ${fixed} to find the ${config.noun} by (exact); a new ${config.noun} gets it`,
          );
    return z.strictObject({ [fixed]: given, on_multiple: onMultiple, ...optionalShape(rest) });
  }
  const lookup = config.fieldsLookup ? { 'x-lookup': { lookup: config.fieldsLookup } } : {};
  const standard = Object.keys(config.fields)
    .map((key) => `\`${key}\``)
    .join(', ');
  return z.strictObject({
    match_field: z
      .string()
      .min(1)
      .meta({
        title: 'Match field',
        description: `The field that identifies the ${config.noun}: ${standard}, or a custom field by name or key (e.g. one holding an external ID; searchable types: text, varchar, autocomplete, number, monetary, phone, address)`,
        ...lookup,
      }),
    match_value: z.union([z.string().min(1), z.number()]).meta({
      title: 'Match value',
      description: `The value of the match field to find the ${config.noun} by (exact; e-mail case-insensitive). A new ${config.noun} gets it.`,
    }),
    on_multiple: onMultiple,
    ...optionalShape(values),
  });
}

/** The output: the add operation's (`success`, `data`: the record) and what was done. */
function outputOf(config: UpsertConfig): z.ZodType {
  const base = config.add.output as z.ZodObject;
  const actions = config.update ? ['found', 'created', 'updated'] : ['found', 'created'];
  return base.extend({
    action: z.enum(actions as [UpsertAction, ...UpsertAction[]]).meta({
      description: config.update
        ? `\`found\`: a ${config.noun} matched and nothing was to change; \`updated\`: one matched and was updated; \`created\`: none matched, one was added`
        : `\`found\`: a ${config.noun} matched; \`created\`: none matched, one was added`,
    }),
    warnings: z
      .array(z.string())
      .optional()
      .meta({ description: 'Said when several records matched and `on_multiple` chose one' }),
  });
}

function cost(op: Operation): number {
  const { tokenCost } = op;
  return typeof tokenCost === 'number' ? tokenCost : tokenCost === 'endpoint' ? 0 : tokenCost.estimated;
}

/** Declare a find-or-create or upsert operation (operations/<resource>/ hold them). */
export function defineUpsert(config: UpsertConfig): Operation {
  const input = inputOf(config);
  const steps = [config.search, config.get, config.add, ...(config.update ? [config.update] : [])];
  // The write scope is the one that matters: the searches and gets accept it too.
  const scopes = config.add.scopes.filter((scope) => steps.every((step) => step.scopes.includes(scope)));
  const operation: Operation = {
    name: config.name,
    title: config.title,
    description: config.description,
    resource: config.resource,
    method: 'POST',
    path: config.add.path,
    api: config.add.api,
    scopes: scopes.length > 0 ? scopes : config.add.scopes,
    ...(config.add.customFields ? { customFields: config.add.customFields } : {}),
    // The usual run: one search, then an add or an update (or a get).
    tokenCost:
      cost(config.search) +
      Math.max(cost(config.add), config.update ? cost(config.update) : 0, cost(config.get)),
    input,
    output: outputOf(config),
    placement: Object.fromEntries(Object.keys(input.shape).map((key) => [key, 'control' as const])),
    // Its steps send their own bodies; it sends none of its own.
    encoding: 'json',
    sample: config.sample,
    steps: steps.map((step) => step.name),
    compose: (values, ctx, services) => runUpsert(config, values, ctx, services),
  };
  return operation;
}

// ---------- running ----------

/** Other operations run through the runtime (execute.ts gives `run`; this module does not import it). */
type UpsertServices = ComposeServices;

interface Match {
  field: string;
  matcher: MatchField;
  value: string;
}

interface Outcome {
  action: UpsertAction;
  record: Row;
  warnings: string[];
}

const text = (value: unknown) =>
  typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined;

function same(matcher: MatchField, values: unknown[], wanted: string): boolean {
  const target = matcher.caseInsensitive ? wanted.toLowerCase() : wanted;
  return values.some((value) => {
    const found = text(value);
    if (found === undefined) return false;
    return (matcher.caseInsensitive ? found.toLowerCase() : found) === target;
  });
}

const ENTITY_OF: Record<string, CustomFieldEntity> = {
  person: 'person',
  organization: 'organization',
  deal: 'deal',
  lead: 'deal',
};

/** A custom field as a match field: searched among custom fields, its value read from the record. */
function customMatcher(config: UpsertConfig, field: FieldDefinition): MatchField {
  const topLevel = config.add.customFields?.style === 'top-level';
  return {
    search: 'custom_fields',
    fromRecord: (record) =>
      valuesOf(topLevel ? record[field.key] : (record.custom_fields as Row | null | undefined)?.[field.key]),
    create: (value, input) => {
      const given = (input.custom_fields as Row | undefined) ?? {};
      return given[field.key] !== undefined || given[field.name] !== undefined
        ? {}
        : { custom_fields: { ...given, [field.key]: value } };
    },
  };
}

const badMatch = (config: UpsertConfig, message: string, path = 'match_field') =>
  new ConnectorError('invalid_input', `Invalid input for ${config.name}: ${path} ${message}.`, {
    issues: [{ path, message }],
  });

/** The field and value to match, from the input (a custom field resolved by name or key). */
async function matchOf(
  config: UpsertConfig,
  input: Row,
  ctx: CallContext,
  services: UpsertServices,
): Promise<Match> {
  if (config.fixed) {
    const matcher = config.fields[config.fixed] as MatchField;
    return { field: config.fixed, matcher, value: String(input[config.fixed]).trim() };
  }
  const field = String(input.match_field).trim();
  const value = String(input.match_value).trim();
  if (value === '') throw badMatch(config, 'is empty', 'match_value');
  const standard = config.fields[field];
  if (standard) return { field, matcher: standard, value };
  const entity = ENTITY_OF[config.noun];
  if (!entity || !services.fields)
    throw badMatch(config, `is not one of ${Object.keys(config.fields).join(', ')}`);
  let set = await services.fields.get(entity, ctx);
  let found = set.resolve(field);
  if (typeof found === 'string') {
    set = await services.fields.get(entity, ctx, { fresh: true });
    found = set.resolve(field);
  }
  if (typeof found === 'string') {
    throw badMatch(config, `"${field}" ${found}, and not one of ${Object.keys(config.fields).join(', ')}`);
  }
  if (!SEARCHABLE_TYPES.has(found.type)) {
    throw badMatch(
      config,
      `"${found.name}" is a ${found.type} field, which Pipedrive's search does not look in (searchable: ${[...SEARCHABLE_TYPES].join(', ')})`,
    );
  }
  return { field: found.key, matcher: customMatcher(config, found), value };
}

const dataOf = (output: unknown) =>
  (output as { data?: unknown } | undefined)?.data as Row | null | undefined;

/** Read one record; undefined when it is gone (deleted or merged away). */
async function read(
  config: UpsertConfig,
  id: unknown,
  ctx: CallContext,
  services: UpsertServices,
  byName: boolean | undefined,
): Promise<Row | undefined> {
  try {
    const record = dataOf(
      await services.run(
        config.get,
        { id, ...(byName === undefined ? {} : { custom_fields_by_name: byName }) },
        ctx,
      ),
    );
    if (!record || record.active_flag === false || record.is_deleted === true) return undefined;
    return record;
  } catch (error) {
    if (error instanceof ConnectorError && error.code === 'not_found') return undefined;
    throw error;
  }
}

const labelOf = (row: Row) => {
  const label = text(row.name) ?? text(row.title);
  return label ? `#${String(row.id)} "${label}"` : `#${String(row.id)}`;
};

/** The records that match exactly: the search's hits, checked (read first when hits do not carry the value). */
async function findMatches(
  config: UpsertConfig,
  match: Match,
  ctx: CallContext,
  services: UpsertServices,
  byName: boolean | undefined,
): Promise<{ rows: Row[]; complete: boolean }> {
  const output = await services.run(
    config.search,
    {
      term: match.value,
      fields: [match.matcher.search],
      exact_match: true,
      return_all: true,
      max_items: 500,
    },
    ctx,
  );
  const items = ((dataOf(output)?.items as { item?: Row }[] | undefined) ?? [])
    .map((hit) => hit?.item)
    .filter((item): item is Row => !!item && item.id !== undefined);
  const { fromHit } = match.matcher;
  if (fromHit) {
    return { rows: items.filter((item) => same(match.matcher, fromHit(item), match.value)), complete: false };
  }
  const rows: Row[] = [];
  for (const item of items.slice(0, MAX_MATCHES * 2)) {
    const record = await read(config, item.id, ctx, services, byName);
    if (record && same(match.matcher, match.matcher.fromRecord(record), match.value)) rows.push(record);
  }
  return { rows, complete: true };
}

/** One of several matches, as `on_multiple` says, or a conflict naming them. */
async function choose(
  config: UpsertConfig,
  match: Match,
  rows: Row[],
  complete: boolean,
  how: string,
  ctx: CallContext,
  services: UpsertServices,
  byName: boolean | undefined,
): Promise<{ row: Row; complete: boolean; warning: string }> {
  const names = rows.slice(0, MAX_MATCHES).map(labelOf);
  const listed = `${names.join(', ')}${rows.length > names.length ? `, and ${rows.length - names.length} more` : ''}`;
  const said = `${rows.length} ${config.noun}s have ${match.field} = "${match.value}": ${listed}`;
  if (how === 'first') return { row: rows[0] as Row, complete, warning: `${said}; took the first.` };
  if (how === 'oldest' && rows.length <= MAX_MATCHES) {
    const full = complete
      ? rows
      : ((await Promise.all(rows.map((row) => read(config, row.id, ctx, services, byName)))).filter(
          Boolean,
        ) as Row[]);
    const time = (row: Row) => Date.parse(String(row.add_time ?? '')) || Number.POSITIVE_INFINITY;
    const oldest = [...full].sort((a, b) => time(a) - time(b) || Number(a.id) - Number(b.id))[0];
    if (oldest)
      return { row: oldest, complete: true, warning: `${said}; took the oldest, ${labelOf(oldest)}.` };
  }
  throw new ConnectorError(
    'conflict',
    `${said}. Merge the duplicates in Pipedrive, or set on_multiple to "first" or "oldest"${how === 'oldest' ? ` (at most ${MAX_MATCHES} are compared)` : ''}.`,
    {
      field: match.field,
      value: match.value,
      matches: rows.slice(0, MAX_MATCHES).map((row) => ({ id: row.id, name: row.name ?? row.title ?? null })),
    },
  );
}

/** The input fields of the record (what the add or update is given), without the control fields of the upsert. */
function valuesFrom(input: Row, config: UpsertConfig): Row {
  const { match_field: _f, match_value: _v, on_multiple: _m, custom_fields_by_name: _b, ...values } = input;
  // A person has no `email` field (it has `emails`): the match's `create` adds the address there.
  if (config.fixed === 'email') delete values.email;
  return values;
}

/** The update of a match: the fields its update operation takes; none given, nothing is sent. */
async function applyUpdate(
  config: UpsertConfig,
  record: Row,
  values: Row,
  ctx: CallContext,
  services: UpsertServices,
  byName: boolean | undefined,
): Promise<Outcome | undefined> {
  const update = config.update;
  if (!update) return undefined;
  const changes = Object.fromEntries(
    Object.entries(values).filter(
      ([key, value]) =>
        value !== undefined && (update.placement[key] === 'body' || update.placement[key] === 'spread'),
    ),
  );
  if (Object.keys(changes).length === 0) return undefined;
  const output = await services.run(
    update,
    { id: record.id, ...changes, ...(byName === undefined ? {} : { custom_fields_by_name: byName }) },
    ctx,
  );
  return { action: 'updated', record: dataOf(output) ?? record, warnings: [] };
}

/** Search (or recall), then create, update or take what was found: the work of one key, run once at a time. */
async function lead(
  config: UpsertConfig,
  match: Match,
  key: string,
  input: Row,
  ctx: CallContext,
  coordinator: KeyCoordinator,
  services: UpsertServices,
): Promise<Outcome> {
  const byName = input.custom_fields_by_name as boolean | undefined;
  const values = valuesFrom(input, config);
  let found: Row | undefined;
  let complete = false;
  const warnings: string[] = [];
  const remembered = await coordinator.recall(key, REMEMBER_MS);
  if (remembered !== undefined) {
    const record = await read(config, remembered, ctx, services, byName);
    if (record && same(match.matcher, match.matcher.fromRecord(record), match.value)) {
      found = record;
      complete = true;
    } else {
      await coordinator.remember(key, null);
    }
  }
  if (!found) {
    const { rows, complete: read_ } = await findMatches(config, match, ctx, services, byName);
    if (rows.length === 1) {
      found = rows[0];
      complete = read_;
    } else if (rows.length > 1) {
      const chosen = await choose(
        config,
        match,
        rows,
        read_,
        String(input.on_multiple ?? 'error'),
        ctx,
        services,
        byName,
      );
      found = chosen.row;
      complete = chosen.complete;
      warnings.push(chosen.warning);
    }
  }
  if (found) {
    const updated = await applyUpdate(config, found, values, ctx, services, byName);
    const outcome: Outcome = updated ?? {
      action: 'found',
      record: complete ? found : ((await read(config, found.id, ctx, services, byName)) ?? found),
      warnings: [],
    };
    outcome.warnings = warnings;
    await coordinator.remember(key, String(found.id));
    return outcome;
  }
  const create = { ...values, ...match.matcher.create(match.value, values) };
  let output: unknown;
  try {
    output = await services.run(
      config.add,
      { ...create, ...(byName === undefined ? {} : { custom_fields_by_name: byName }) },
      ctx,
    );
  } catch (error) {
    if (error instanceof ConnectorError && error.code === 'invalid_input') {
      throw new ConnectorError(
        'invalid_input',
        `No ${config.noun} has ${match.field} = "${match.value}", so one is to be added: ${error.message}`,
        error.details,
      );
    }
    throw error;
  }
  const record = dataOf(output);
  if (!record || record.id === undefined || record.id === null) {
    throw new ConnectorError(
      'upstream_error',
      `Pipedrive's answer to ${config.add.name} has no ${config.noun} ID.`,
    );
  }
  await coordinator.remember(key, String(record.id));
  return { action: 'created', record, warnings };
}

// ---------- single flight and the in-process coordinator ----------

/** The searches-and-creates under way in this process, by key. */
const flights = new Map<string, Promise<Outcome>>();

/** Records found or created lately in this process, by key (the coordinator of the plugin API). */
const memory = new Map<string, { id: string; at: number }>();

/** Without `ctx.coordinator`: single flight alone keeps one search-and-create per key in this process. */
export const localCoordinator: KeyCoordinator = {
  withLock: (_key, fn) => fn(),
  async recall(key, maxAgeMs) {
    const entry = memory.get(key);
    if (!entry) return undefined;
    if (Date.now() - entry.at > maxAgeMs) {
      memory.delete(key);
      return undefined;
    }
    return entry.id;
  },
  async remember(key, id) {
    memory.delete(key);
    if (id === null) return;
    memory.set(key, { id, at: Date.now() });
    if (memory.size > 10_000) memory.delete(memory.keys().next().value as string);
  },
};

/** Forget the records this process found or created lately (the test suite does, between test files). */
export function forgetLocalRecords(): void {
  memory.clear();
}

/** The key of one record identity: connection, kind of record, field and value (e-mail in lower case). */
function keyOf(config: UpsertConfig, match: Match, ctx: CallContext): string {
  const value = match.matcher.caseInsensitive ? match.value.toLowerCase() : match.value;
  return `${cacheKeyOf(ctx)}|${config.noun}|${match.field}|${value}`;
}

async function runUpsert(
  config: UpsertConfig,
  input: Row,
  ctx: CallContext,
  services: UpsertServices,
): Promise<unknown> {
  const match = await matchOf(config, input, ctx, services);
  const key = keyOf(config, match, ctx);
  const coordinator = ctx.coordinator ?? localCoordinator;
  for (;;) {
    const running = flights.get(key);
    if (!running) {
      const flight = coordinator.withLock(key, () =>
        lead(config, match, key, input, ctx, coordinator, services),
      );
      flights.set(key, flight);
      try {
        return answer(await flight);
      } finally {
        if (flights.get(key) === flight) flights.delete(key);
      }
    }
    let shared: Outcome;
    try {
      shared = await running;
    } catch (error) {
      // The leader's own input was refused: this call may be fine, and runs on its own. Other failures are shared.
      if (error instanceof ConnectorError && error.code === 'invalid_input') continue;
      throw error;
    }
    // Joined: the record exists now (found or just created by the leader); an upsert applies its own changes.
    const byName = input.custom_fields_by_name as boolean | undefined;
    const updated = await applyUpdate(
      config,
      shared.record,
      valuesFrom(input, config),
      ctx,
      services,
      byName,
    );
    return answer(updated ?? { action: 'found', record: shared.record, warnings: shared.warnings });
  }
}

function answer(outcome: Outcome): Row {
  return {
    success: true,
    data: outcome.record,
    action: outcome.action,
    ...(outcome.warnings.length > 0 ? { warnings: outcome.warnings } : {}),
  };
}
