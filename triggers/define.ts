import { z } from 'zod';
import { describe } from '../schemas/common.js';
import { EVENT_ACTIONS, EVENT_OBJECTS } from '../schemas/webhooks.js';

/** The webhook events (schemas/webhooks.ts, shared with `add_webhook`). */
export { EVENT_ACTIONS, EVENT_OBJECTS };

export type EventAction = (typeof EVENT_ACTIONS)[number];
export type EventObject = (typeof EVENT_OBJECTS)[number];

/** One Pipedrive event, normalized: what every trigger outputs. */
export interface TriggerEvent {
  event_id: string;
  action: string;
  object: string;
  entity_id: number | string | null;
  timestamp: string | null;
  user_id: number | string | null;
  company_id: number | string | null;
  change_source: string | null;
  attempt: number;
  is_bulk_edit: boolean;
  webhook_id: number | string | null;
  merged_to_id?: number | string;
  merged_from_id?: number | string;
  data: Record<string, unknown> | null;
  previous: Record<string, unknown> | null;
  /** For `change`: the keys of `previous` (custom fields as `custom_fields.<key>`). */
  changed_fields: string[];
}

/** What a trigger's filters know besides the event: the connection's own user, for `ignore_own_changes`. */
export interface FilterContext {
  ownUserId?: number | string | undefined;
}

export interface TriggerConfig<I extends z.ZodObject> {
  name: string;
  title: string;
  description: string;
  /** Fixed for presets; `null` for the generic trigger, whose input chooses. */
  event_action: Exclude<EventAction, '*'> | '*' | null;
  event_object: EventObject | null;
  input: I;
  /** The schema of `data` (and `previous`) for the manifest: the entity as the API returns it. */
  entity?: z.ZodType;
  /** An example event, as the trigger outputs it. */
  sample: TriggerEvent;
  /** Preset conditions on top of action and object: a reason to skip the event, or null to keep it. */
  condition?: (event: TriggerEvent, input: z.output<I>) => string | null;
}

export interface Trigger {
  name: string;
  title: string;
  description: string;
  event_action: string | null;
  event_object: string | null;
  input: z.ZodObject;
  output: z.ZodType;
  sample: TriggerEvent;
  condition?: (event: TriggerEvent, input: Record<string, unknown>) => string | null;
}

const id = z.union([z.int(), z.string()]);

/** The normalized event's schema, with `data`/`previous` typed by the entity where the trigger knows it. */
export function eventSchema(entity: z.ZodType = z.record(z.string(), z.unknown())) {
  return z.looseObject({
    event_id: describe(z.string(), 'The ID of the Pipedrive event (`meta.id`); the same on every retry'),
    action: describe(z.string(), 'What happened: create, change or delete'),
    object: describe(z.string(), 'The kind of record: deal, person, organization, activity, ...'),
    entity_id: describe(id.nullable(), 'The ID of the record (a UUID for leads)'),
    timestamp: describe(z.string().nullable(), 'When it happened (ISO 8601)'),
    user_id: describe(id.nullable(), 'The user who made the change'),
    company_id: describe(id.nullable(), 'The Pipedrive company'),
    change_source: describe(z.string().nullable(), 'Where the change came from: `app` or `api`'),
    attempt: describe(
      z.int(),
      "Pipedrive's delivery attempt (1–4); the event is run once whatever the attempt",
    ),
    is_bulk_edit: describe(z.boolean(), 'Whether the change was part of a bulk edit'),
    webhook_id: describe(id.nullable(), 'The Pipedrive webhook that delivered the event'),
    merged_to_id: describe(id.optional(), 'For a delete caused by a merge: the record it was merged into'),
    merged_from_id: describe(
      id.optional(),
      'For a change caused by a merge: the record merged into this one',
    ),
    data: describe(entity.nullable(), 'The record after the change (null for a delete)'),
    previous: describe(
      z.record(z.string(), z.unknown()).nullable(),
      'For a change: the changed fields with their old values; for a delete: the last state; null for a create',
    ),
    changed_fields: describe(z.array(z.string()), 'For a change: the names of the fields that changed'),
  });
}

export function defineTrigger<I extends z.ZodObject>(config: TriggerConfig<I>): Trigger {
  return {
    name: config.name,
    title: config.title,
    description: config.description,
    event_action: config.event_action,
    event_object: config.event_object,
    input: config.input,
    output: eventSchema(config.entity),
    sample: config.sample,
    ...(config.condition
      ? {
          condition: config.condition as (
            event: TriggerEvent,
            input: Record<string, unknown>,
          ) => string | null,
        }
      : {}),
  };
}
