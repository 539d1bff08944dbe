/**
 * Polling triggers: the same presets as the webhooks, read by listing what changed since the last poll, and the
 * "matching filter" triggers (a record newly matches a saved filter). Pure logic over a list function that the
 * engine (connector.ts) provides, so that triggers need no operations.
 *
 * State stays small: a watermark (the newest update time read) plus the keys of the records read inside the
 * overlap window before it; a filter trigger keeps the IDs that match the filter. See docs/triggers.md.
 */
import { z } from 'zod';
import type { CallContext } from '../runtime/context.js';
import { ConnectorError } from '../runtime/errors.js';
import { validateInput } from '../runtime/validate.js';
import { activity } from '../schemas/activities.js';
import { describe, id } from '../schemas/common.js';
import { deal } from '../schemas/deals.js';
import { organization } from '../schemas/organizations.js';
import { person } from '../schemas/persons.js';
import { findTrigger } from './catalog.js';
import { defineTrigger, type Trigger, type TriggerEvent } from './define.js';

/** The records of a list operation, across pages (the engine's `stream`). */
export type ListRecords = (
  operation: string,
  input: Record<string, unknown>,
  ctx: CallContext,
) => AsyncIterable<unknown>;

/**
 * How far before the watermark each poll reads again: a change committed late (its update time earlier than
 * a record already read) is still found, and the keys kept for this window stop it firing twice.
 */
export const OVERLAP_MS = 2 * 60 * 1000;
/** At most this many events per poll; the rest come with the next poll (the watermark stops at the last one). */
export const MAX_EVENTS_PER_POLL = 500;
/** A filter trigger refuses a filter matching more records than this (every poll reads them all). */
export const MAX_FILTER_MATCHES = 10_000;
/** The most records a backfill may fire on the first poll. */
export const MAX_BACKFILL = 100;

/** Where the records of an object changed since a time are listed. */
interface ChangeSource {
  operation: string;
  /** `asc`: oldest change first, from `since` (v2 `updated_since`); `desc`: newest first, read down to `since`. */
  order: 'asc' | 'desc';
  /** The list input: changed since `since` (RFC 3339, whole seconds), sorted by `sortBy` in `direction`. */
  input(
    since: string | null,
    sortBy: 'update_time' | 'add_time',
    direction: 'asc' | 'desc',
  ): Record<string, unknown>;
}

/** API v2 lists with `updated_since` and `sort_by`. */
const v2 = (operation: string): ChangeSource => ({
  operation,
  order: 'asc',
  input: (since, sortBy, direction) => ({
    ...(since ? { updated_since: since } : {}),
    sort_by: sortBy,
    sort_direction: direction,
    limit: 500,
  }),
});

/** Notes: v1 only, no `updated_since`; sorted newest change first and read down to the watermark. */
const notes: ChangeSource = {
  operation: 'list_notes',
  order: 'desc',
  input: (_since, sortBy) => ({ sort: `${sortBy} DESC`, limit: 500 }),
};

const CHANGE_SOURCES: Record<string, ChangeSource> = {
  deal: v2('list_deals'),
  person: v2('list_persons'),
  organization: v2('list_organizations'),
  activity: v2('list_activities'),
  note: notes,
};

/** The list operation that takes `filter_id`, per object of a filter trigger. */
const FILTER_SOURCES = {
  deal: { operation: 'list_deals', entity: deal, title: 'Deal', plural: 'deals' },
  person: { operation: 'list_persons', entity: person, title: 'Person', plural: 'persons' },
  organization: {
    operation: 'list_organizations',
    entity: organization,
    title: 'Organization',
    plural: 'organizations',
  },
  activity: { operation: 'list_activities', entity: activity, title: 'Activity', plural: 'activities' },
} as const;

type FilterObject = keyof typeof FILTER_SOURCES;

type Row = Record<string, unknown> & { id?: number | string };

function pollEvent(kind: string, action: string, object: string, record: Row, time: number): TriggerEvent {
  const at = new Date(time).toISOString();
  return {
    event_id: `poll:${kind}:${object}:${String(record.id)}:${at}`,
    action,
    object,
    entity_id: record.id ?? null,
    timestamp: at,
    user_id: null,
    company_id: null,
    change_source: null,
    attempt: 1,
    is_bulk_edit: false,
    webhook_id: null,
    data: record,
    previous: null,
    changed_fields: [],
  };
}

const SAMPLE_TIME = Date.parse('2026-11-20T09:30:00Z');

/** `deal_matches_filter`, ...: polling only. */
export const filterTriggers: readonly Trigger[] = (Object.keys(FILTER_SOURCES) as FilterObject[]).map(
  (object) => {
    const source = FILTER_SOURCES[object];
    return defineTrigger({
      name: `${object}_matches_filter`,
      title: `${source.title} matches filter`,
      description: `Starts a workflow when ${object === 'activity' || object === 'organization' ? 'an' : 'a'} ${object} newly matches a saved Pipedrive filter (polling only: each poll lists the ${source.plural} of the filter).`,
      event_action: null,
      event_object: object,
      input: z.strictObject({
        filter_id: id(`The saved filter of ${source.plural} to watch`, 'Filter'),
      }),
      entity: source.entity,
      sample: pollEvent(
        'match:7',
        'match',
        object,
        { id: 101, update_time: '2026-11-20T09:30:00Z' },
        SAMPLE_TIME,
      ),
    });
  },
);

const filterByName = new Map(filterTriggers.map((t) => [t.name, t]));

/** The webhook presets that also poll: new and updated records of the objects with a change source. */
export function pollingMode(trigger: Trigger): 'changes' | 'filter' | null {
  if (filterByName.has(trigger.name)) return 'filter';
  if (trigger.event_object && CHANGE_SOURCES[trigger.event_object] && !trigger.condition) {
    if (trigger.event_action === 'create' || trigger.event_action === 'change') return 'changes';
  }
  return null;
}

/** The list operation a polling trigger reads (its scopes are the ones polling needs). */
export function pollingOperation(trigger: Trigger): string | null {
  const mode = pollingMode(trigger);
  if (mode === 'filter') return FILTER_SOURCES[trigger.event_object as FilterObject].operation;
  return mode ? (CHANGE_SOURCES[trigger.event_object as string] as ChangeSource).operation : null;
}

/** The triggers that can poll, by name (the presets of `pollingMode`, and the filter triggers). */
export function findPollingTrigger(name: string): Trigger | undefined {
  const trigger = filterByName.get(name) ?? findTrigger(name);
  return trigger && pollingMode(trigger) ? trigger : undefined;
}

/** The state of one polling subscription, kept by the engine between polls (JSON). */
export type PollState = ChangePollState | FilterPollState;

export interface ChangePollState {
  v: 1;
  mode: 'changes';
  trigger: string;
  input: Record<string, unknown>;
  /** When the subscription was enabled (ISO): nothing dated before it fires, except a backfill. */
  from: string;
  /** The newest update time read so far (ISO). */
  watermark: string;
  /** `<time ms>:<id>` of the records read at or after `watermark - OVERLAP_MS`. */
  seen: string[];
  /** Fire the newest N records on the first poll, then cleared. */
  backfill?: number;
}

export interface FilterPollState {
  v: 1;
  mode: 'filter';
  trigger: string;
  input: { filter_id: number };
  /** The IDs matching the filter at the last poll; null before the first poll. */
  ids: Array<number | string> | null;
  backfill?: number;
}

export interface PollStartOptions {
  /** Fire the newest N records (at most 100) on the first poll; default 0: only what changes from now on. */
  backfill?: number;
  /** The clock (epoch milliseconds); tests set it. */
  now?: number;
}

const startOptions = z.strictObject({
  backfill: describe(z.int().min(0).max(MAX_BACKFILL), 'Records to fire on the first poll').optional(),
  now: z.number().optional(),
});

/** Whole seconds, as v2's `updated_since` takes them (RFC 3339). */
const rfc3339 = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * The first state of a polling subscription: nothing is called, and the first poll fires only what changed
 * from now on (and the newest `backfill` records).
 */
export function startPolling(name: string, input: unknown, options: PollStartOptions = {}): PollState {
  const trigger = findPollingTrigger(name);
  if (!trigger) {
    throw new ConnectorError(
      findTrigger(name) ? 'invalid_input' : 'unknown_operation',
      findTrigger(name)
        ? `Trigger "${name}" has no polling mode: polling covers new and updated deals, persons, organizations, activities and notes, and the *_matches_filter triggers; use its webhook.`
        : `Unknown trigger "${name}".`,
      { trigger: name },
    );
  }
  const opts = validateInput(startOptions, options, 'polling options') as PollStartOptions;
  const parsed = validateInput(trigger.input, input, `trigger ${name}`) as Record<string, unknown>;
  const backfill = opts.backfill ? { backfill: opts.backfill } : {};
  if (pollingMode(trigger) === 'filter') {
    return {
      v: 1,
      mode: 'filter',
      trigger: name,
      input: parsed as { filter_id: number },
      ids: null,
      ...backfill,
    };
  }
  for (const field of ['fields_to_watch', 'ignore_own_changes'] as const) {
    if (parsed[field] !== undefined && parsed[field] !== false) {
      throw new ConnectorError(
        'invalid_input',
        `${field} needs the change's details that only webhooks send; polling cannot apply it.`,
        { issues: [{ path: field, message: 'is not available in polling mode' }] },
      );
    }
  }
  // Pipedrive's times are whole seconds: a record of the second enabling happened in counts as after it.
  const now = new Date(Math.floor((opts.now ?? Date.now()) / 1000) * 1000).toISOString();
  return {
    v: 1,
    mode: 'changes',
    trigger: name,
    input: parsed,
    from: now,
    watermark: now,
    seen: [],
    ...backfill,
  };
}

/** Pipedrive's times: RFC 3339 (v2) or `YYYY-MM-DD HH:MM:SS` in UTC (v1). NaN when absent or unreadable. */
export function timeOf(value: unknown): number {
  if (typeof value !== 'string' || value === '') return Number.NaN;
  const text = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  return Date.parse(text);
}

export interface PollResult {
  /** The events to run, oldest first. */
  events: TriggerEvent[];
  /** The state to keep for the next poll (save it only once the events are safely stored). */
  state: PollState;
}

/** Check a state handed back by an engine: a clear error rather than a poll from a wrong place. */
function checkState(state: unknown): PollState {
  const s = state as Partial<PollState> | null;
  if (!s || typeof s !== 'object' || s.v !== 1 || (s.mode !== 'changes' && s.mode !== 'filter')) {
    throw new ConnectorError('invalid_input', 'Not a polling state: start one with triggers.startPolling.', {
      issues: [{ path: 'state', message: 'is not a polling state (v 1)' }],
    });
  }
  if (!findPollingTrigger(String(s.trigger))) {
    throw new ConnectorError(
      'invalid_input',
      `The polling state names no polling trigger ("${String(s.trigger)}").`,
      {
        issues: [{ path: 'state.trigger', message: 'is not a polling trigger' }],
      },
    );
  }
  return s as PollState;
}

/** One poll: the events since the state, and the next state. */
export async function poll(state: unknown, ctx: CallContext, list: ListRecords): Promise<PollResult> {
  const checked = checkState(state);
  return checked.mode === 'filter' ? pollFilter(checked, ctx, list) : pollChanges(checked, ctx, list);
}

async function pollChanges(state: ChangePollState, ctx: CallContext, list: ListRecords): Promise<PollResult> {
  const trigger = findPollingTrigger(state.trigger) as Trigger;
  const object = trigger.event_object as string;
  const source = CHANGE_SOURCES[object] as ChangeSource;
  const creates = trigger.event_action === 'create';
  const action = creates ? 'create' : 'change';
  const keyTime = (record: Row) => timeOf(creates ? record.add_time : record.update_time);

  if (state.backfill) {
    // The newest N, one page, sorted by the time this trigger is about; fired oldest first.
    const rows: Row[] = [];
    const input = {
      ...source.input(null, creates ? 'add_time' : 'update_time', 'desc'),
      max_items: state.backfill,
    };
    for await (const record of list(source.operation, input, ctx)) rows.push(record as Row);
    const kept = rows
      .filter((r) => !Number.isNaN(keyTime(r)) && !Number.isNaN(timeOf(r.update_time)))
      .reverse();
    const watermark = Math.max(Date.parse(state.watermark), ...kept.map((r) => timeOf(r.update_time)));
    const { backfill: _, ...rest } = state;
    return {
      events: kept.map((r) => pollEvent(action, action, object, r, keyTime(r))),
      state: {
        ...rest,
        watermark: new Date(watermark).toISOString(),
        seen: prune(
          kept.map((r) => `${keyTime(r)}:${String(r.id)}`),
          watermark,
        ),
      },
    };
  }

  const from = Date.parse(state.from);
  const since = Date.parse(state.watermark) - OVERLAP_MS;
  const seen = new Set(state.seen);
  const events: TriggerEvent[] = [];
  let watermark = Date.parse(state.watermark);
  const rows: Row[] = [];
  const input = source.input(rfc3339(since), 'update_time', source.order);
  for await (const record of list(source.operation, input, ctx)) {
    const row = record as Row;
    const updated = timeOf(row.update_time);
    if (source.order === 'desc' && updated < since) break; // read down to the window
    rows.push(row);
  }
  if (source.order === 'desc') rows.reverse();
  for (const row of rows) {
    const updated = timeOf(row.update_time);
    const time = keyTime(row);
    if (Number.isNaN(updated) || Number.isNaN(time) || row.id === undefined) continue;
    if (events.length >= MAX_EVENTS_PER_POLL && updated > watermark) break; // the rest with the next poll
    watermark = Math.max(watermark, updated);
    if (time < since || time < from) continue;
    // An update listing also returns new records: a create is not a change (as with webhooks).
    if (!creates && timeOf(row.add_time) === updated) continue;
    const key = `${time}:${String(row.id)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    events.push(pollEvent(action, action, object, row, time));
  }
  return {
    events,
    state: { ...state, watermark: new Date(watermark).toISOString(), seen: prune([...seen], watermark) },
  };
}

/** The keys still inside the overlap window of `watermark`. */
function prune(keys: string[], watermark: number): string[] {
  return keys.filter((key) => Number(key.slice(0, key.indexOf(':'))) >= watermark - OVERLAP_MS);
}

async function pollFilter(state: FilterPollState, ctx: CallContext, list: ListRecords): Promise<PollResult> {
  const trigger = findPollingTrigger(state.trigger) as Trigger;
  const object = trigger.event_object as FilterObject;
  const source = FILTER_SOURCES[object];
  const rows: Row[] = [];
  const input = { filter_id: state.input.filter_id, limit: 500, max_items: MAX_FILTER_MATCHES + 1 };
  for await (const record of list(source.operation, input, ctx)) rows.push(record as Row);
  if (rows.length > MAX_FILTER_MATCHES) {
    throw new ConnectorError(
      'invalid_input',
      `Filter ${state.input.filter_id} matches more than ${MAX_FILTER_MATCHES} ${source.plural}: every poll reads them all. Narrow the filter.`,
      { issues: [{ path: 'filter_id', message: `matches more than ${MAX_FILTER_MATCHES} records` }] },
    );
  }
  const ids = rows.filter((r) => r.id !== undefined).map((r) => r.id as number | string);
  const before = state.ids === null ? null : new Set(state.ids.map(String));
  let fresh: Row[];
  if (before) fresh = rows.filter((r) => r.id !== undefined && !before.has(String(r.id)));
  else if (state.backfill)
    fresh = [...rows]
      .sort((a, b) => timeOf(b.update_time) - timeOf(a.update_time))
      .slice(0, state.backfill)
      .reverse();
  else fresh = [];
  const { backfill: _, ...rest } = state;
  return {
    events: fresh.map((r) => {
      const time = timeOf(r.update_time);
      return pollEvent(`match:${state.input.filter_id}`, 'match', object, r, Number.isNaN(time) ? 0 : time);
    }),
    state: { ...rest, ids },
  };
}
