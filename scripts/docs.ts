import type { Exclusion } from '../operations/exclusions.js';
import { humanize, type JsonSchema, type SchemaNode, schemaType } from '../runtime/json-schema.js';
import { lookupFields } from '../runtime/lookup-fields.js';
import { type Manifest, type TriggerEntry, tokenCostText } from '../runtime/manifest.js';
import { RUN_POLICY } from '../server/run-policy.js';
import { COSTS_BY_KIND } from './pipedrive-spec.js';

type Node = SchemaNode;

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');

function fieldRows(schema: Node, placement: (name: string) => string): string[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(
    ([name, prop]) =>
      `| \`${name}\` | ${placement(name)} | ${cell(schemaType(prop))} | ${required.has(name) ? 'yes' : ''} | ${cell(String(prop.description ?? ''))} |`,
  );
}

/** The published cost of each kind of call, as the docs say it. */
const KINDS = Object.entries(COSTS_BY_KIND)
  .map(([kind, cost]) => `${kind === 'get' ? 'get one' : kind.replace('_', ' ')} ${cost}`)
  .join(', ');

/** Where each lookup fills a field: the input fields (of operations and triggers) whose schema names it. */
function lookupUses(manifest: Manifest): Map<string, { fields: Set<string>; entries: Set<string> }> {
  const uses = new Map<string, { fields: Set<string>; entries: Set<string> }>();
  const entries = [...manifest.operations, ...manifest.triggers, ...manifest.polling_triggers];
  for (const entry of entries) {
    for (const [field, lookup] of lookupFields(entry.input_schema)) {
      const use = uses.get(lookup) ?? { fields: new Set<string>(), entries: new Set<string>() };
      use.fields.add(field);
      use.entries.add(entry.name);
      uses.set(lookup, use);
    }
  }
  return uses;
}

/** The lookups section of docs/operations.md: every dropdown, what it lists and the fields it fills. */
function lookupsSection(manifest: Manifest): string[] {
  const uses = lookupUses(manifest);
  const lines = [
    '## Lookups (dropdowns)',
    '',
    'The options of the input fields that pick a record (`"x-lookup": { "lookup": "<name>" }` in their schema): `connector.lookup(name, input, ctx)`, `POST /lookups/:name` on the host, `lookup_<name>` as an MCP tool, dropdowns in n8n and the playground. Each takes `search`, `cursor` and `limit` (and the fields it depends on) and answers `options` (`value`, `label`) and `next_cursor`.',
    '',
    '| lookup | depends on | lists | fills (input fields) | used by |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const lookup of manifest.lookups) {
    const use = uses.get(lookup.name);
    const fields = [...(use?.fields ?? [])].sort().map((f) => `\`${f}\``);
    const count = use?.entries.size ?? 0;
    lines.push(
      `| \`${lookup.name}\` | ${lookup.depends_on.map((d) => `\`${d}\``).join(', ')} | ${cell(lookup.description)} | ${fields.join(', ')} | ${count === 1 ? '1 operation or trigger' : `${count} operations and triggers`} |`,
    );
  }
  lines.push('');
  return lines;
}

/** docs/operations.md: every operation by resource, with its fields and an example input. */
export function renderOperationsDoc(
  manifest: Manifest,
  placements: Record<string, Record<string, string>>,
  exclusions: readonly Exclusion[],
): string {
  const lines = [
    '# Operations reference',
    '',
    `Generated from the code by \`npm run manifest\` (connector ${manifest.version}); do not edit by hand.`,
    '',
    `${manifest.operations.length} operations. Every operation takes one flat input object: path, query and body fields side by side, under Pipedrive's own names. List and search operations also take \`return_all\` and \`max_items\` (see README).`,
    '',
    `Token cost: what one call costs in Pipedrive's daily token budget (for lists, each page is a call), from Pipedrive's API reference (\`x-token-cost\`). Pipedrive publishes no cost for its newer v2 endpoints: theirs is the cost of the same kind of call (${KINDS}), marked *estimated*.`,
    '',
  ];
  const resources = [...new Set(manifest.operations.map((op) => op.resource))];
  lines.push('## Contents', '');
  for (const resource of resources) {
    const names = manifest.operations
      .filter((op) => op.resource === resource)
      .map((op) => `[\`${op.name}\`](#${op.name})`);
    lines.push(`- **${humanize(resource)}**: ${names.join(', ')}`);
  }
  lines.push('- [Lookups (dropdowns)](#lookups-dropdowns)', '');
  for (const resource of resources) {
    lines.push(`## ${humanize(resource)}`, '');
    for (const op of manifest.operations.filter((o) => o.resource === resource)) {
      const base = op.method === 'ANY' ? '' : op.api === 'v1' ? '/v1' : '/api/v2';
      const paging = op.pagination ? ` · paginated (up to ${op.pagination.max_limit} per page)` : '';
      lines.push(
        `### ${op.name}`,
        '',
        `**${op.title}** — \`${op.method} ${base}${op.path}\` · OAuth scopes: ${op.scopes.map((s) => `\`${s}\``).join(', ')} · token cost: ${tokenCostText(op)}${paging}`,
        '',
        op.description,
        '',
      );
      const rows = fieldRows(op.input_schema as Node, (name) => placements[op.name]?.[name] ?? '');
      if (rows.length) {
        lines.push(
          '| field | in | type | required | description |',
          '| --- | --- | --- | --- | --- |',
          ...rows,
          '',
        );
      }
      lines.push('Example input:', '', '```json', JSON.stringify(op.sample, null, 2), '```', '');
    }
  }
  lines.push(...lookupsSection(manifest));
  if (manifest.deprecated_operations.length || manifest.removed_operations.length) {
    lines.push('## Operation names of connector v4.2', '');
    if (manifest.deprecated_operations.length) {
      lines.push(
        'Still run, on their successor, with a deprecation warning:',
        '',
        '| v4.2 name | runs |',
        '| --- | --- |',
      );
      for (const d of manifest.deprecated_operations)
        lines.push(`| \`${d.name}\` | [\`${d.replaced_by}\`](#${d.replaced_by}) |`);
      lines.push('');
    }
    if (manifest.removed_operations.length) {
      lines.push(
        'Removed (calling them fails with `unknown_operation` and this advice):',
        '',
        '| v4.2 name | instead |',
        '| --- | --- |',
      );
      for (const r of manifest.removed_operations) lines.push(`| \`${r.name}\` | ${cell(r.instead)} |`);
      lines.push('');
    }
  }
  lines.push(
    '## Endpoints without an operation of their own',
    '',
    "The live endpoints of Pipedrive's API that no operation calls, and why (`operations/exclusions.ts`; a test checks the table against Pipedrive's documents). `api_request` still reaches any of them.",
    '',
    '| endpoint | instead | reason |',
    '| --- | --- | --- |',
  );
  for (const row of exclusions) {
    const instead = row.replacedBy ? `[\`${row.replacedBy}\`](#${row.replacedBy})` : '';
    lines.push(`| \`${row.endpoint}\` | ${instead} | ${cell(row.reason)} |`);
  }
  lines.push('');
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A whole number of hours, minutes or seconds, as the docs write a wait (`1 s`, `1 h`). */
function duration(ms: number): string {
  for (const [unit, size] of [
    ['h', 3_600_000],
    ['min', 60_000],
    ['s', 1000],
  ] as const)
    if (ms % size === 0) return `${ms / size} ${unit}`;
  return `${ms} ms`;
}

const TRIGGERS_GUIDE = `# Triggers

Generated from the code by \`npm run manifest\`; do not edit by hand.

Triggers start workflows when something happens in Pipedrive. Each subscription registers one Pipedrive
**webhook (v2)** that calls the host back at \`<PUBLIC_URL>/webhooks/pipedrive/<subscription id>\` with HTTP
Basic credentials made for that subscription alone (random, from the CSPRNG, stored sealed).

## Lifecycle

| step | host API | what happens at Pipedrive |
| --- | --- | --- |
| subscribe | \`POST /subscriptions {"connection_id","trigger","input"}\` → \`201 {"id","trigger","webhook_id","callback_url",...}\` | \`GET /v1/webhooks\` (an exact match for the callback URL is adopted), then \`POST /v1/webhooks\` with \`version: "2.0"\` |
| check / repair | \`POST /subscriptions/:id/check\` → \`ok\`, \`inactive\` (banned for 30 min) or \`recreated\` | re-creates the webhook with the same credentials when Pipedrive deleted it (it does after 3 days of failed deliveries) |
| unsubscribe | \`DELETE /subscriptions/:id\` → \`204\` | \`DELETE /v1/webhooks/:id\`; a 404 there counts as done. Later deliveries get \`410\` |
| runs | \`GET /runs?subscription_id=...&status=...&limit=&cursor=\`, \`GET /runs/:id\`, \`POST /runs/:id/retry\` | — |

Errors that tell you what to do: Pipedrive's 40-webhooks-per-user limit (\`422\`, \`unprocessable\`) and a missing
permission (\`401\`/\`403\`: OAuth apps need the \`admin\` scope, or \`webhooks:full\`).

## Deliveries

\`POST /webhooks/pipedrive/:subscription_id\` answers:

| answer | when | stored |
| --- | --- | --- |
| \`200 {"status":"accepted"}\` | a new event that passes the trigger's filters | the event, and one run |
| \`200 {"status":"duplicate"}\` | an event already received (Pipedrive's retries, \`attempt\` 2–4, same \`meta.id\`) | nothing new |
| \`200 {"status":"skipped"}\` | filtered out (\`fields_to_watch\`, \`ignore_own_changes\`, the preset's condition) | the event, marked skipped; no run |
| \`401\` | missing or wrong Basic credentials (checked in constant time, before the body is read) | nothing |
| \`400\` | not JSON, not a webhooks v2 payload (also: nested more than 32 levels deep), a payload without \`meta.webhook_id\` or of another webhook, or dated outside the freshness window (\`meta.timestamp\` older than \`WEBHOOK_MAX_AGE_SECONDS\`, default 1 h, or over 5 minutes ahead): a replay bound | nothing |
| \`404\` / \`410\` | unknown / deleted subscription (answered before the body is read) | nothing |
| \`408\` | the request took longer than \`REQUEST_TIMEOUT_MS\` (30 s) to arrive: a slow client, cut off | nothing |
| \`413\` / \`431\` | body over 1 MiB / headers over 16 KiB | nothing |

A refusal made before the body is read (\`401\`, \`404\`, \`410\`) is sent with \`connection: close\` and the
connection is closed once it is written: a client that trickles a body cannot hold it until \`REQUEST_TIMEOUT_MS\`.
The host logs one line per delivery: its subscription, event ID, attempt and outcome (or why it was refused).

The event is written to the store (one transaction per batch of concurrent deliveries, on disk: SQLite's WAL fsynced, or a PostgreSQL commit)
*before* the 2xx answer, and the answer never waits for the workflow: Pipedrive allows 10 s; the host answers
in milliseconds. Deduplication is enforced by the database (unique subscription + event ID).

Each accepted event becomes one **run**. Runs are handed to the engine by a dispatcher that retries with
exponential backoff (${duration(RUN_POLICY.baseDelayMs)} doubling to ${duration(RUN_POLICY.maxDelayMs)}, each wait spread by up to ±${RUN_POLICY.jitter * 100}%) and never drops a run. A run is in one of four states:

| status | means |
| --- | --- |
| \`pending\` | stored, waiting for an engine to take it (also while nothing takes runs: no \`ENGINE_URL\` and no listener) |
| \`retrying\` | the engine refused it or could not be reached; tried again at \`next_attempt_at\` (\`last_error\` says why: a status and the engine URL's origin, never its credentials, path or query) |
| \`delivered\` | an engine took it: \`ENGINE_URL\` answered 2xx, or an in-process listener returned |
| \`dead\` | ${RUN_POLICY.attempts} attempts failed; still listed, and \`POST /runs/:id/retry\` sends it again |

\`POST /runs/:id/retry\` queues any run that is not \`delivered\`. Two sinks ship with the host:

- **http** (\`ENGINE_URL\`, optional \`ENGINE_TOKEN\` as a bearer token): \`POST\` of
  \`{"run_id","workspace_id","subscription_id","trigger","event_id","received_at","event"}\` with
  \`Idempotency-Key: <run id>\`; \`workspace_id\` says whose run it is, for an engine that serves several workspaces.
  Only a 2xx answer delivers the run: any other status, a redirect included (it is not followed, so the run and
  the token go nowhere else), or a network error retries.
- **local** (without \`ENGINE_URL\`): runs are handed to in-process listeners (\`app.host.sink.on(run => ...)\`
  when an engine embeds the host). With no listener, runs stay \`pending\`: they are listed by \`GET /runs\` and
  handed over as soon as a listener is added.

Deliveries, and runs that are done with (\`delivered\` or \`dead\`), are removed \`RETENTION_DAYS\` (30) after they
arrived (docs/security.md).

## Exposing the callback URL in production

Pipedrive must reach \`PUBLIC_URL\` over the internet: set \`PUBLIC_URL\` to the host's public HTTPS address
(behind your load balancer or reverse proxy, e.g. \`https://hooks.example.com\`), forward
\`/webhooks/pipedrive/*\` to the host, and keep the proxy from buffering or rewriting the \`Authorization\`
header. Pipedrive refuses subscription URLs that redirect, and its own API hosts. For a local try-out, a
tunnel (e.g. \`cloudflared tunnel --url http://127.0.0.1:3000\`) gives a public URL to put in \`PUBLIC_URL\`.
Subscriptions keep the callback URL they were created with: after changing \`PUBLIC_URL\`, delete and
re-create them.

A subscription made while \`PUBLIC_URL\` is a loopback or private address (\`127.0.0.1\`, \`localhost\`, \`10.x\`,
\`192.168.x\`, \`[::1]\`, a \`.local\` name: the default of a laptop's \`npm start\`) is registered, but its answer
carries \`warnings\`: Pipedrive cannot reach that address, so no event will arrive; set \`PUBLIC_URL\` to a public
or tunnelled address, or make it a polling subscription (below). The playground shows the warning under the form, and under
"Watch runs" says what a \`pending\` run means (no \`ENGINE_URL\` and no listener) and what to do.

## Polling (no public URL needed)

A webhook needs Pipedrive to reach the host or the engine; a laptop, a host behind a firewall or a first try
on loopback cannot receive one. The new and updated presets of deals, persons, organizations, activities and
notes (\`new_note\`) also **poll** (the \`modes\` column below), and the \`*_matches_filter\` triggers only poll:

- **What a poll reads.** API v2 lists by \`updated_since\`, sorted by \`update_time\` ascending, page by page
  (\`list_deals\`, \`list_persons\`, \`list_organizations\`, \`list_activities\`); notes, which v2 does not
  have, from \`list_notes\` newest change first, read down to the window. A filter trigger lists the records of
  the filter (\`filter_id\`) and fires for each ID that was not in it at the last poll (one that leaves and comes
  back fires again).
- **State.** A watermark (the newest \`update_time\` read) and the keys (\`<time>:<id>\`) of the records read
  within the 2-minute overlap before it; each poll reads again from \`watermark - 2 min\`, so a change
  committed late, or one that moved out of a page while the poll was reading, is found by the next poll, and
  the keys stop it firing twice. A filter trigger keeps the IDs matching the filter (at most 10,000; a larger
  filter is refused). At most 500 events per poll; the rest come with the next poll.
- **Enabling starts from now.** Nothing dated before enabling fires, however many records the account has;
  \`backfill: N\` (at most 100) fires the newest N on the first poll.
- **What polling cannot do.** It sees a record after the change, not the change: \`previous\` is null,
  \`changed_fields\` empty, and \`fields_to_watch\` and \`ignore_own_changes\` are refused; two changes of
  one record within the same second are one event; deletes, and the presets that need the change itself
  (\`deal_won\`, \`deal_lost\`, \`deal_stage_changed\`), stay webhook only; so do leads (their v1 list cannot
  be sorted by update time, newest first) and the objects only webhooks v2 send (projects, tasks, ...).
  A polled event's \`event_id\` is \`poll:<kind>:<object>:<id>:<time>\`: the same on every host that polls it.

\`\`\`ts
let state = await connector.triggers.startPolling('updated_deal', {}, { backfill: 0 });  // no call made
const { events, state: next } = await connector.triggers.poll(state, { auth });        // oldest first
// run the events, store \`next\`, and poll again after your interval with it
\`\`\`

Save the next state only once the events are safely stored: a poll repeated from the old state gives the same
event IDs again, which the engine's deduplication drops.

### Polling on the host

\`POST /subscriptions\` with \`"mode": "polling"\` and \`"interval": <seconds>\` (default 300, at least
\`POLL_MIN_INTERVAL_SECONDS\`, default 60; \`"backfill": N\` optional) makes a polling subscription: same
access rules, workspaces and errors as a webhook one, no call to Pipedrive until its first poll, no callback and
no credentials. \`GET /subscriptions/:id\` shows \`polling\` (\`polls\`, \`last_polled_at\`,
\`next_poll_at\`, \`last_error\`); \`DELETE\` stops it; \`/check\` does not apply (no webhook).

- **State and schedule.** The poll state above is a row of the store (\`polls\`) with when the next poll is
  due and who polls it now. After a poll the next is due \`interval\` later, as one function of the host
  (\`nextPollDelay\` in server/poller.ts) computes it from the day's token usage as the poll left it: at 80%
  of the company's known budget used the wait grows with what is left (twice the interval at 90%, at most 20
  times), once the budget is spent the next poll waits for the next UTC day, and the host logs that it slowed
  (\`budgetDelay\`, [token-budget.md](token-budget.md)).
- **One poller per subscription, across hosts: a lease.** Each host asks the store every second for the
  polls that are due and whose lease is free or expired, and takes them with one conditional \`UPDATE\`
  (holder, expiry \`POLL_LEASE_SECONDS\` ahead); of several hosts, only one's \`UPDATE\` matches each row.
  The holder renews the lease while its poll runs. A host that dies holds it until it expires; then another
  host takes the poll over.
- **Exactly one run per change.** A poll's events go into the inbox, deduplicated by their event ID
  (\`poll:<kind>:<object>:<id>:<time>\`), and become runs exactly as webhook deliveries do. The same
  transaction saves the next state, and writes only while the lease is still the poller's: a crash before the
  commit leaves the old state and no events (the next poll, on this host or another, reads the same records
  and makes the same IDs); a crash after it leaves both. A poller that lost its lease (it stalled past the
  expiry and another host took over) writes nothing. So a change is neither lost nor doubled, whichever host
  dies when (a test SIGKILLs one mid-poll on PostgreSQL).
- **Limits.** Each poll lists at least one page (its token cost comes out of the company's daily budget); the
  500-event cap and the overlap window above hold; a failed poll (Pipedrive down, the token revoked) is kept in
  \`last_error\` and tried again at the next interval; on SQLite there is one host, so the lease only guards
  against the host's own restarts. Leases are dated by each host's clock: the hosts' clocks must agree to well
  within \`POLL_LEASE_SECONDS\` (NTP does), or a host may take a lease another still renews; even then the
  lease check at the commit keeps a change from running twice, and the stale poller's work is dropped.

## Using triggers from an engine (plugin API)

\`\`\`ts
const state = await connector.triggers.subscribe('updated_deal', { fields_to_watch: ['stage_id'] },
  { auth, callbackUrl: 'https://engine.example.com/hooks/123' });   // store \`state\` (it holds the credentials)
const events = await connector.triggers.receive(state, { headers, body });  // verify + parse + filter + dedupe
await connector.triggers.unsubscribe(state, { auth });
\`\`\`

\`receive\` returns the events that should start a run (zero or one) and throws a \`ConnectorError\`
(\`unauthorized\`, \`invalid_input\`) for deliveries to refuse: wrong credentials, another webhook's payload, one
without \`meta.webhook_id\`, or one dated outside \`{ maxAgeMs }\` (default an hour). It drops retries it has seen
in this process; pass \`{ isDuplicate: (eventId, state) => ... }\` to use your own durable check.

## The event

Every trigger outputs one normalized event:

| field | meaning |
| --- | --- |
| \`event_id\` | Pipedrive's event ID (\`meta.id\`), the same on every retry |
| \`action\`, \`object\` | \`create\` / \`change\` / \`delete\`, and \`deal\`, \`person\`, ... |
| \`entity_id\` | the record's ID (a number; a UUID for leads) |
| \`timestamp\` | when it happened, ISO 8601 |
| \`user_id\`, \`company_id\` | who made the change, in which company |
| \`change_source\` | \`app\` or \`api\` |
| \`attempt\` | Pipedrive's delivery attempt (1–4) |
| \`is_bulk_edit\`, \`webhook_id\`, \`merged_to_id\`, \`merged_from_id\` | as Pipedrive sends them |
| \`data\` | the record after the change (null for a delete) |
| \`previous\` | a change: the changed fields' old values; a delete: the last state; a create: null |
| \`changed_fields\` | a change: the changed fields' names (custom fields as \`custom_fields.<key>\`) |

## Objects

Presets (\`new_\`, \`updated_\`, \`deleted_\` + the object) exist for deals, persons, organizations, activities,
leads and notes, and for the objects only webhooks v2 sends: projects (\`project\`), project tasks (\`task\`),
project boards (\`board\`), project phases (\`phase\`), the products of a deal (\`deal_product\`) and a deal's
installments (\`deal_installment\`). \`pipedrive_event\` listens to any action on any object (pipelines, stages,
products and users too). Each trigger's \`output_schema\` describes \`data\` with the record's fields; webhooks v2
send only the record's main fields in \`data\`, so every field of it may be absent. Pipedrive notes that deleting a
project also sends delete events for its child records (their example: a project board).

**Field definitions.** Pipedrive announced webhooks for changes of deal, lead, person, organization, product and
project field definitions without documenting their object names, so there is no preset for them. When a
subscription of the host (a \`pipedrive_event\` on \`*\`, say) receives an event whose object names field
definitions (\`dealField\`, \`deal_field\`, \`personFields\`, any case: \`fieldEventEntity\` of the plugin API), the
host forgets the connection's cached definitions of that entity, and the next operation by field name reads them
again ([custom-fields.md](custom-fields.md)); the event is then stored and run like any other. An engine does the
same with \`connector.clearFieldCache(ctx, entity)\`.

## Options that pick a record

Options that pick a record (\`deal_stage_changed\`'s \`pipeline_id\` and \`stage_id\`) carry \`x-lookup\` in
their input schema, as operation inputs do: the playground shows them as searchable dropdowns
(\`POST /lookups/:name\`), the n8n trigger node as lists (n8n's list search), and a typed ID still works. The
\`dropdown\` column below names the lookup.
`;

/** docs/triggers.md: the guide, then every trigger with its options and a sample event. */
export function renderTriggersDoc(triggers: readonly TriggerEntry[]): string {
  const lines = [TRIGGERS_GUIDE, '## The triggers', ''];
  lines.push('| trigger | title | Pipedrive event | modes |', '| --- | --- | --- | --- |');
  for (const t of triggers) {
    const event = t.event_action
      ? `\`${t.event_action}.${t.event_object}\``
      : t.modes?.includes('webhook') === false
        ? `a ${t.event_object} matching a filter`
        : 'chosen by the input';
    lines.push(
      `| [\`${t.name}\`](#${t.name}) | ${t.title} | ${event} | ${(t.modes ?? ['webhook']).join(', ')} |`,
    );
  }
  lines.push('');
  for (const t of triggers) {
    lines.push(`### ${t.name}`, '', `**${t.title}** — ${t.description}`, '');
    const options = (t.input_schema as Node).properties ?? {};
    const rows = fieldRows(t.input_schema as Node, (name) => {
      const lookup = (options[name] as { 'x-lookup'?: { lookup: string; dependsOn?: string[] } })['x-lookup'];
      if (!lookup) return '';
      const after = lookup.dependsOn?.length
        ? ` (after ${lookup.dependsOn.map((f) => `\`${f}\``).join(', ')})`
        : '';
      return `\`${lookup.lookup}\`${after}`;
    });
    if (rows.length)
      lines.push(
        '| option | dropdown | type | required | description |',
        '| --- | --- | --- | --- | --- |',
        ...rows,
        '',
      );
    lines.push('Sample event:', '', '```json', JSON.stringify(t.sample, null, 2), '```', '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * docs/configuration.md: every environment variable of the host, from its zod schema (type, default) and its
 * description (server/config.ts), so that the page cannot drift from the code.
 */
export function renderConfigurationDoc(env: JsonSchema): string {
  const lines = [
    '# Configuration',
    '',
    'Generated from `server/config.ts` by `npm run manifest`; do not edit by hand.',
    '',
    'The host (`npm start`) is configured through environment variables; an empty value counts as unset, and an',
    'invalid one stops the host at start with the variable named. The CLI (`npx pipedrive-connector`) reads',
    '`PIPEDRIVE_API_TOKEN` and `PIPEDRIVE_API_URL`, or with `--connection` the store variables',
    '(`DATABASE_URL`, `CONNECTOR_SECRET_KEY`, `CONNECTOR_SECRET_KEY_PREVIOUS`), the same way.',
    '',
    '| variable | default | value | meaning |',
    '| --- | --- | --- | --- |',
  ];
  for (const [name, prop] of Object.entries((env as Node).properties ?? {})) {
    const description = typeof prop.description === 'string' ? prop.description : '';
    if (!description) throw new Error(`server/config.ts: ${name} has no description`);
    const fallback = prop.default === undefined ? '—' : `\`${String(prop.default)}\``;
    lines.push(`| \`${name}\` | ${fallback} | ${cell(schemaType(prop))} | ${cell(description)} |`);
  }
  lines.push(
    '',
    '## Examples',
    '',
    'Trying it out on one machine (the defaults: SQLite in `./data`, a key generated next to it):',
    '',
    '```sh',
    'npm start',
    '```',
    '',
    'Production, several hosts behind a load balancer sharing PostgreSQL, with OAuth and an engine:',
    '',
    '```sh',
    'export HOST=0.0.0.0 PUBLIC_URL=https://hooks.example.com',
    'export DATABASE_URL=postgres://connector:secret@db.internal/connector',
    'export CONNECTOR_SECRET_KEY=...   # 64 hex characters (openssl rand -hex 32), the same on every host',
    'export PIPEDRIVE_CLIENT_ID=... PIPEDRIVE_CLIENT_SECRET=...',
    'export ENGINE_URL=https://engine.internal/runs ENGINE_TOKEN=...',
    'npm start',
    '```',
  );
  return `${lines.join('\n')}\n`;
}
