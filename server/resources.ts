/**
 * The host's resources, each declared once as a zod schema: the routes answer with it (fastify-type-provider-zod
 * validates and serializes every answer through it, so a field that is not declared, such as a secret, is never
 * sent), the OpenAPI document is made from it, and the store's types are inferred from it.
 */
import { z } from 'zod';
import { hasControl } from '../runtime/text.js';

const text = (description: string) => z.string().meta({ description });
const time = (description: string) => z.string().meta({ description, format: 'date-time' });

/** A workspace name: what keys, connections, subscriptions and runs belong to. */
export const workspaceName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be 1-63 lowercase letters, digits, "-" or "_"')
  .meta({ description: 'Workspace name (its ID): lowercase letters, digits, `-` and `_`.' });

export const DEFAULT_WORKSPACE = 'default';

// ---------- pieces of the routes' requests ----------

/** An ID or name in a path, query or body: a bounded string. */
export const idOf = (description: string) => z.string().min(1).max(100).meta({ description });

/** `{ id }` path parameters. */
export const idParams = (what: string) => z.object({ id: idOf(`${what} ID.`) });

/** The query of a paged list: `limit` (default 100, at most 1,000) and the previous page's `next_cursor`. */
export const pageQuery = {
  limit: z.int().min(1).max(1000).default(100).meta({ description: 'Page size (default 100).' }),
  cursor: z
    .string()
    .regex(/^\d+$/)
    .optional()
    .meta({ description: 'The `next_cursor` of the previous page.' }),
};

/** A page's `next_cursor`. */
export const nextCursor = z
  .string()
  .nullable()
  .meta({ description: 'Pass as `cursor` for the next page; null at the end.' });

export const pipedriveUser = z
  .object({
    id: z.int().meta({ description: 'Pipedrive user ID.' }),
    name: text('Name.').optional(),
    email: text('Email address.').optional(),
    company_id: z.int().meta({ description: 'Company ID.' }).optional(),
    company_name: text('Company name.').optional(),
    company_domain: text('Company subdomain (`<domain>.pipedrive.com`).').optional(),
  })
  .meta({ description: 'The Pipedrive user behind the credentials (`GET /v1/users/me`).' });
export type PipedriveUser = z.infer<typeof pipedriveUser>;

export const connectionStatus = z
  .enum(['active', 'reauthorization_required'])
  .meta({ description: '`reauthorization_required` after Pipedrive refused the OAuth refresh token.' });

export const connection = z
  .object({
    id: text('Connection ID.'),
    workspace_id: text('The workspace it belongs to.'),
    type: z.enum(['api_token', 'oauth2']).meta({ description: 'How it authenticates.' }),
    user: pipedriveUser,
    api_url: text(
      'API base the calls go to (PIPEDRIVE_API_URL, the company domain, or the OAuth `api_domain`).',
    ),
    status: connectionStatus,
    created_at: time('Created.'),
    updated_at: time('Last changed.'),
  })
  .meta({ description: 'A stored connection, never with its secret.' });
export type Connection = z.infer<typeof connection>;

const count = (description: string) => z.number().meta({ description });
const orNull = (description: string) => z.number().nullable().meta({ description });

/** A day's token usage and what is known of the daily budget (runtime/usage.ts's `UsageSummary`). */
const usageSummary = z.object({
  day: text('The UTC day (`YYYY-MM-DD`) the counts are for; they start again at 0 the next day.'),
  tokens: count("Tokens spent today, by the operations' declared costs (Pipedrive's `x-token-cost`)."),
  calls: count('Answered requests to Pipedrive today (pages and retries each count).'),
  unpriced_calls: count('Calls whose cost is not known (`api_request`), not in `tokens`.'),
  budget: z
    .object({
      limit: orNull("The company's daily token budget (`x-daily-ratelimit-token-limit`)."),
      remaining: orNull("The company's tokens left today (`x-daily-ratelimit-token-remaining`)."),
      requests_left: orNull('POST/PUT requests left today (`x-daily-requests-left`, API tokens only).'),
      seen_at: time("When Pipedrive's answer said so."),
    })
    .nullable()
    .meta({
      description: "The daily budget as Pipedrive's latest answer today told it; null when none has.",
    }),
  used_share: orNull('Share of the known budget used (0 to 1); null when the budget is not known.'),
  state: z
    .enum(['ok', 'low', 'spent', 'unknown'])
    .meta({ description: '`low`: 80% or more of a known budget used; `spent`: nothing left today.' }),
  slow_down: z
    .boolean()
    .meta({ description: 'The budget is low or spent: optional work such as polling waits.' }),
});

export const connectionUsage = z
  .object({
    connection: usageSummary.meta({
      description: "This connection's calls through this host (all hosts sharing its store).",
    }),
    company: usageSummary
      .extend({ company_id: z.int().meta({ description: 'Pipedrive company ID.' }) })
      .nullable()
      .meta({
        description:
          "The company's: every connection of it on this host's store. Null when the user has no company ID.",
      }),
  })
  .meta({ description: "A connection's token usage today, and its Pipedrive company's." });

export const subscriptionStatus = z.enum(['pending', 'active', 'deleted']).meta({
  description:
    '`pending` while the webhook is being registered (polling starts `active`), `deleted` after unsubscribe.',
});

export const subscriptionMode = z.enum(['webhook', 'polling']).meta({
  description: '`webhook`: Pipedrive calls the host; `polling`: the host asks Pipedrive every interval.',
});

export const subscription = z
  .object({
    id: text('Subscription ID.'),
    workspace_id: text('The workspace it belongs to.'),
    connection_id: text('The connection the webhook was registered with.'),
    trigger: text('Trigger name (see the manifest `triggers`).'),
    input: z
      .record(z.string(), z.unknown())
      .meta({ description: 'The trigger input (filters such as `fields_to_watch`).' }),
    mode: subscriptionMode,
    interval_seconds: z.int().nullable().meta({
      description: 'Polling: seconds between polls (the token budget may stretch it); null for webhooks.',
    }),
    webhook_id: z
      .int()
      .nullable()
      .meta({ description: 'Pipedrive webhook ID, once registered (webhooks only).' }),
    event_action: text('Webhook event action (`create`, `change`, `delete`, `*`).'),
    event_object: text('Webhook event object (`deal`, `person`, ...).'),
    callback_url: z.string().nullable().meta({
      description: 'Where Pipedrive delivers: `<PUBLIC_URL>/webhooks/pipedrive/<id>`; null when polling.',
    }),
    user_id: z.int().nullable().meta({ description: "The connection's user, for `ignore_own_changes`." }),
    status: subscriptionStatus,
    created_at: time('Created.'),
    updated_at: time('Last changed.'),
  })
  .meta({ description: 'A trigger subscription, never with its webhook credentials.' });
export type Subscription = z.infer<typeof subscription>;

export const runStatus = z.enum(['pending', 'retrying', 'delivered', 'dead']).meta({
  description:
    '`pending`: stored, waiting for an engine to take it; `retrying`: the engine refused or failed, tried again at `next_attempt_at`; `delivered`: an engine took it; `dead`: out of attempts (`POST /runs/:id/retry` sends it again).',
});
export type RunStatus = z.infer<typeof runStatus>;

export const run = z
  .object({
    id: text('Run ID (sent as `Idempotency-Key` to ENGINE_URL).'),
    workspace_id: text('The workspace it belongs to.'),
    subscription_id: text('Subscription ID.'),
    trigger: text('Trigger name.'),
    event_id: text('Pipedrive event ID (`meta.id`); unique per subscription.'),
    status: runStatus,
    attempts: z.int().meta({ description: 'Dispatch attempts so far.' }),
    last_error: z
      .string()
      .nullable()
      .meta({ description: 'Why the last attempt failed (a status and the engine URL origin, never more).' }),
    received_at: time('When the delivery was accepted.'),
    next_attempt_at: time('When the next attempt is due.').nullable(),
    delivered_at: time('When an engine took the run.').nullable(),
    event: z.unknown().meta({ description: 'The normalized trigger event.' }),
  })
  .meta({ description: 'One accepted event and its way to the engine.' });
export type Run = z.infer<typeof run>;

export const workspace = z
  .object({
    id: workspaceName,
    created_at: time('Created.'),
  })
  .meta({ description: 'A workspace: keys, connections, subscriptions and runs belong to exactly one.' });
export type Workspace = z.infer<typeof workspace>;

/** What a key is for: shown in `keys list` and `GET /keys`, so no control character (a terminal would obey it). */
export const keyLabel = z
  .string()
  .min(1)
  .max(200)
  .refine((label) => !hasControl(label), {
    message: 'must not contain control characters (C0, C1, DEL, line separators or bidi controls)',
  })
  .meta({ description: 'What the key is for (printable text, no control characters).' });

export const apiKey = z
  .object({
    id: text('Key ID (the part after `pdk_` and before the second `_`); not a secret.'),
    workspace_id: workspaceName,
    admin: z.boolean().meta({
      description:
        "Administers its workspace: the workspace's keys and audit trail (true for operators too).",
    }),
    operator: z.boolean().meta({
      description: 'Host operator: administers every workspace, creates workspaces and operator keys.',
    }),
    label: z.string().nullable().meta({ description: 'What the key is for.' }),
    created_at: time('Created.'),
    last_used_at: time('Last used (recorded at most once a minute).').nullable(),
    revoked_at: time('Revoked; a revoked key is refused.').nullable(),
  })
  .meta({ description: 'An API key of the host, never with its secret (only a hash of it is stored).' });
export type ApiKey = z.infer<typeof apiKey>;

export const auditEntry = z
  .object({
    id: text('Entry ID (ordered).'),
    at: time('When.'),
    key_id: z.string().nullable().meta({ description: 'The key that acted; null for the CLI on the host.' }),
    workspace_id: workspaceName,
    action: text('What was done, e.g. `connection.create`, `key.revoke`.'),
    target_id: z.string().nullable().meta({ description: 'The ID of what it was done to.' }),
  })
  .meta({ description: 'One management action. Never holds a secret.' });
export type AuditEntry = z.infer<typeof auditEntry>;
