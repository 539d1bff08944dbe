import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ConnectorError } from '../runtime/errors.js';
import { fitsOutput } from '../runtime/output-check.js';
import { MAX_DEPTH, tooDeep } from '../runtime/validate.js';
import type { FilterContext, Trigger, TriggerEvent } from './define.js';

/** The HTTP Basic credentials Pipedrive sends with every delivery of one subscription's webhook. */
export interface WebhookCredentials {
  http_auth_user: string;
  http_auth_password: string;
}

/** Fresh credentials for one subscription, from the CSPRNG: a 22-character user and a 43-character password. */
export function newCredentials(): WebhookCredentials {
  return {
    http_auth_user: `pdc_${randomBytes(16).toString('base64url')}`,
    http_auth_password: randomBytes(32).toString('base64url'),
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** The digest of each subscription's expected `user:password`, computed once per credentials object. */
const expectedDigests = new WeakMap<WebhookCredentials, Buffer>();

function expectedDigest(expected: WebhookCredentials): Buffer {
  let value = expectedDigests.get(expected);
  if (!value) {
    value = digest(`${expected.http_auth_user}:${expected.http_auth_password}`);
    expectedDigests.set(expected, value);
  }
  return value;
}

/**
 * Whether the request's `Authorization: Basic` header carries exactly these credentials. Both sides are
 * hashed to equal-length digests and compared with `timingSafeEqual`, so the time taken says nothing about
 * how much of a guess was right (or how long the secret is).
 */
export function hasCredentials(authorization: string | undefined, expected: WebhookCredentials): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]{1,1024})\s*$/i.exec(authorization ?? '');
  const given = match ? Buffer.from(match[1] as string, 'base64').toString('utf8') : '';
  return timingSafeEqual(digest(given), expectedDigest(expected)) && match !== null;
}

/** An ID of the payload: Pipedrive's v2 payloads send IDs as strings (FACTS §1); a number is taken too. */
const idValue = z.union([z.string(), z.number()]);
const id = (description: string) => idValue.meta({ description });
const optionalId = (description: string) => idValue.nullish().meta({ description });

/**
 * The webhooks v2 payload `{meta, data, previous}`, as far as the connector relies on it (FACTS §1): the one
 * declaration, which both checks a delivery (parsePayload) and documents the delivery route's body (OpenAPI).
 * `meta.webhook_id` and `meta.timestamp` are optional here because their absence is refused with its own error
 * (triggers/index.ts, judgePayload), naming the field.
 */
export const payloadSchema = z
  .looseObject({
    meta: z.looseObject({
      id: id('Event ID, a UUID (the deduplication key).'),
      action: z.string().min(1).meta({ description: '`create`, `change` or `delete`.' }),
      entity: z.string().min(1).meta({ description: '`deal`, `person`, ...' }),
      // "2.0" (or 2.x): written without a refine, so that the JSON Schema the fast check compiles says the same.
      version: z
        .union([z.string().regex(/^2(\.|$)/, 'must be 2.0'), z.number().gte(2).lt(3)])
        .meta({ description: 'The webhooks version, `"2.0"`: a v1 payload is refused.' }),
      entity_id: optionalId("The object's ID (else `data.id`)."),
      timestamp: optionalId(
        'When the event happened (ISO 8601 or seconds since 1970); required: refused without it or outside the freshness window.',
      ),
      user_id: optionalId('The user who caused the event.'),
      company_id: optionalId("The user's company."),
      change_source: z.string().nullish().meta({ description: '`app` or `api`.' }),
      attempt: optionalId('Delivery attempt, 1 to 4.'),
      is_bulk_edit: z.boolean().nullish().meta({ description: 'Whether the event is part of a bulk edit.' }),
      webhook_id: optionalId(
        "The webhook's ID (a string, as Pipedrive sends it); required: refused without it or when it is not the subscription's webhook.",
      ),
      merged_to_id: optionalId('Merges only (the `delete`): the object this one was merged into.'),
      merged_from_id: optionalId('Merges only (the `change`): the object merged into this one.'),
    }),
    data: z.record(z.string(), z.unknown()).nullish().meta({ description: 'The object after the event.' }),
    previous: z
      .record(z.string(), z.unknown())
      .nullish()
      .meta({ description: 'Changed fields before the event (the last state, for a `delete`).' }),
  })
  .meta({ description: 'A Pipedrive webhooks v2 payload.' });

export type WebhookPayload = z.infer<typeof payloadSchema>;

/** Parse a delivery body (a parsed object, a string or a Buffer) as a webhooks v2 payload. */
export function parsePayload(body: unknown): WebhookPayload {
  let value = body;
  if (Buffer.isBuffer(value)) value = value.toString('utf8');
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new ConnectorError('invalid_input', 'The delivery body is not JSON.');
    }
  }
  const deep = value !== null && typeof value === 'object' ? tooDeep(value) : undefined;
  if (deep !== undefined) {
    // No webhook payload nests this deep; storing one would overflow the stack of JSON.stringify.
    const message = `is nested more than ${MAX_DEPTH} levels deep`;
    throw new ConnectorError('invalid_input', `Not a Pipedrive webhooks v2 payload: ${deep} ${message}.`, {
      issues: [{ path: deep, message }],
    });
  }
  // Ajv's compiled check first (in place); zod, which names what is wrong, only for a payload that fails it.
  if (fitsOutput(payloadSchema, value)) return value as WebhookPayload;
  const parsed = payloadSchema.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.') || 'body').join(', ');
    throw new ConnectorError('invalid_input', `Not a Pipedrive webhooks v2 payload (check ${where}).`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

/** Numeric IDs as numbers (Pipedrive's v2 meta sends them as strings), UUIDs and others as they are. */
function idOf(value: unknown): number | string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return value;
  const text = String(value);
  return /^\d{1,15}$/.test(text) ? Number(text) : text;
}

function timestampOf(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const numeric =
    typeof value === 'number' ? value : /^\d+(\.\d+)?$/.test(String(value)) ? Number(value) : NaN;
  const date = Number.isNaN(numeric)
    ? new Date(String(value))
    : new Date(numeric < 1e12 ? numeric * 1000 : numeric);
  // Not a date, or a number beyond the dates JavaScript has (±8.64e15 ms): kept as sent.
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

/** The keys of `previous`, with custom fields as `custom_fields.<key>`. */
export function changedFields(previous: Record<string, unknown> | null | undefined): string[] {
  if (!previous) return [];
  const fields: string[] = [];
  for (const [key, value] of Object.entries(previous)) {
    if (key === 'custom_fields' && value && typeof value === 'object') {
      for (const custom of Object.keys(value)) fields.push(`custom_fields.${custom}`);
    } else {
      fields.push(key);
    }
  }
  return fields;
}

export function normalize(payload: WebhookPayload): TriggerEvent {
  const { meta } = payload;
  const event: TriggerEvent = {
    event_id: String(meta.id),
    action: meta.action,
    object: meta.entity,
    entity_id: idOf(meta.entity_id ?? (payload.data as { id?: unknown } | null | undefined)?.id),
    timestamp: timestampOf(meta.timestamp),
    user_id: idOf(meta.user_id),
    company_id: idOf(meta.company_id),
    change_source: meta.change_source ?? null,
    attempt: Number(meta.attempt ?? 1) || 1,
    is_bulk_edit: meta.is_bulk_edit === true,
    webhook_id: idOf(meta.webhook_id),
    data: payload.data ?? null,
    previous: payload.previous ?? null,
    changed_fields: meta.action === 'change' ? changedFields(payload.previous) : [],
  };
  const mergedTo = idOf(meta.merged_to_id);
  const mergedFrom = idOf(meta.merged_from_id);
  if (mergedTo !== null) event.merged_to_id = mergedTo;
  if (mergedFrom !== null) event.merged_from_id = mergedFrom;
  return event;
}

const matches = (wanted: string | null | undefined, actual: string) =>
  !wanted || wanted === '*' || wanted === actual;

/**
 * Whether the trigger fires for this event: the action and object it listens to, `fields_to_watch`,
 * `ignore_own_changes` and the preset's own condition. Returns the reason to skip, or null to run.
 */
export function skipReason(
  trigger: Trigger,
  input: Record<string, unknown>,
  event: TriggerEvent,
  context: FilterContext = {},
): string | null {
  const action = trigger.event_action ?? (input.event_action as string | undefined);
  const object = trigger.event_object ?? (input.event_object as string | undefined);
  if (!matches(action, event.action)) return `action ${event.action} is not ${action}`;
  if (!matches(object, event.object)) return `object ${event.object} is not ${object}`;
  const watched = input.fields_to_watch as string[] | undefined;
  if (event.action === 'change' && watched && watched.length > 0) {
    const changed = new Set(event.changed_fields.flatMap((f) => [f, f.replace(/^custom_fields\./, '')]));
    if (!watched.some((field) => changed.has(field) || changed.has(field.replace(/^custom_fields\./, '')))) {
      return `none of the watched fields changed (${event.changed_fields.join(', ') || 'nothing'} did)`;
    }
  }
  if (
    input.ignore_own_changes === true &&
    event.change_source === 'api' &&
    context.ownUserId !== undefined &&
    String(event.user_id) === String(context.ownUserId)
  ) {
    return "the connection's own user made this change through the API";
  }
  return trigger.condition ? trigger.condition(event, input) : null;
}
