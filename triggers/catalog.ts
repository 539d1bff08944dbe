import { z } from 'zod';
import { toJsonSchema } from '../runtime/json-schema.js';
import { withLookups } from '../runtime/lookup.js';
import type { TriggerEntry } from '../runtime/manifest.js';
import { activity } from '../schemas/activities.js';
import { describe, id, labelled, optional } from '../schemas/common.js';
import { dealProduct } from '../schemas/deal_products.js';
import { deal } from '../schemas/deals.js';
import { installment } from '../schemas/installments.js';
import { organization } from '../schemas/organizations.js';
import { person } from '../schemas/persons.js';
import { project, board as projectBoard, phase as projectPhase } from '../schemas/projects.js';
import { task } from '../schemas/tasks.js';
import { EVENT_ACTION_LABELS, EVENT_OBJECT_LABELS, EVENT_OBJECT_TITLES } from '../schemas/webhooks.js';
import {
  defineTrigger,
  type EVENT_ACTIONS,
  type EventObject,
  type Trigger,
  type TriggerEvent,
} from './define.js';

// ---------- options every trigger offers ----------

const ignoreOwnChanges = describe(
  z.boolean().default(false),
  "Whether to drop changes made through the API by this connection's own user, so that a workflow which updates the record does not trigger itself",
  'Ignore own changes',
);

const fieldsToWatch = describe(
  z.array(z.string().min(1)).min(1),
  'Fire on a change only when one of these fields changed (field keys such as `stage_id`, `value`, or a custom field key). Empty: any change.',
  'Fields to watch',
);

const changeOptions = {
  ignore_own_changes: ignoreOwnChanges,
  ...optional({ fields_to_watch: fieldsToWatch }),
};
const plainOptions = { ignore_own_changes: ignoreOwnChanges };

// ---------- samples ----------

const META = {
  timestamp: '2026-11-20T09:30:00.000Z',
  user_id: 11,
  company_id: 7001,
  change_source: 'app',
  attempt: 1,
  is_bulk_edit: false,
  webhook_id: 4201,
};

const sampleDeal = {
  id: 101,
  title: 'Acme renewal 2026',
  value: 12000,
  currency: 'EUR',
  status: 'open',
  stage_id: 3,
  pipeline_id: 1,
  owner_id: 11,
  person_id: 201,
  org_id: 301,
  add_time: '2026-10-01T08:15:00Z',
  update_time: '2026-11-20T09:30:00Z',
  custom_fields: {},
};

function sample(
  action: string,
  object: string,
  data: Record<string, unknown> | null,
  previous: Record<string, unknown> | null,
): TriggerEvent {
  const entity = (data ?? previous) as { id?: number | string } | null;
  return {
    event_id: 'a3f0c8de-5b1e-4f43-9c1a-2f6d7e8b9c01',
    action,
    object,
    entity_id: entity?.id ?? null,
    ...META,
    data,
    previous,
    changed_fields: action === 'change' && previous ? Object.keys(previous) : [],
  };
}

const samples = {
  deal: { ...sampleDeal },
  person: {
    id: 201,
    name: 'Mari Tamm',
    org_id: 301,
    owner_id: 11,
    emails: [{ value: 'mari@example.com', primary: true, label: 'work' }],
    phones: [],
    custom_fields: {},
  },
  organization: { id: 301, name: 'Acme OÜ', owner_id: 11, address: null, custom_fields: {} },
  activity: {
    id: 501,
    subject: 'Follow-up call',
    type: 'call',
    due_date: '2026-12-01',
    due_time: '10:30',
    done: false,
    deal_id: 101,
    owner_id: 11,
  },
  lead: {
    id: '9f3e6e50-9d99-11ee-9538-29c81a92c0d1',
    title: 'Acme lead',
    owner_id: 11,
    person_id: 201,
    organization_id: 301,
    value: { amount: 5000, currency: 'EUR' },
  },
  note: { id: 801, content: 'Call went well', deal_id: 101, person_id: 201, user_id: 11 },
  project: {
    id: 12,
    title: 'Acme onboarding',
    status: 'open',
    board_id: 1,
    phase_id: 2,
    owner_id: 11,
    start_date: '2026-11-23',
    end_date: '2026-12-18',
    deal_ids: [101],
    person_ids: [201],
    org_ids: [301],
    label_ids: [],
    custom_fields: {},
  },
  task: {
    id: 31,
    title: 'Kick-off call',
    project_id: 12,
    is_done: false,
    is_milestone: false,
    due_date: '2026-11-27',
    assignee_ids: [11],
    parent_task_id: null,
  },
  board: { id: 1, name: 'Customer onboarding', order_nr: 1 },
  phase: { id: 2, name: 'Kick-off', board_id: 1, order_nr: 1 },
  deal_product: {
    id: 55,
    deal_id: 101,
    product_id: 401,
    name: 'Annual licence',
    item_price: 1200,
    quantity: 10,
    sum: 12000,
    currency: 'EUR',
    tax: 0,
    discount: 0,
    discount_type: 'percentage',
    is_enabled: true,
    billing_frequency: 'one-time',
  },
  deal_installment: {
    id: 61,
    deal_id: 101,
    description: 'First payment',
    amount: 6000,
    billing_date: '2026-12-01',
  },
};

/** The schema of `data` (and `previous`) per object, where the connector has the entity's schema. */
const entities: Partial<Record<EventObject, z.ZodType>> = {
  deal,
  person,
  organization,
  activity,
  project,
  task,
  board: projectBoard,
  phase: projectPhase,
  deal_product: dealProduct,
  deal_installment: installment,
};

// ---------- presets ----------

type Action = 'create' | 'change' | 'delete';
type Preset = { name: string; action: Action; object: keyof typeof samples };

const verbs = {
  create: { name: 'new', title: 'New', description: 'is added' },
  change: { name: 'updated', title: 'Updated', description: 'is changed' },
  delete: { name: 'deleted', title: 'Deleted', description: 'is deleted' },
} as const;

/** `an activity`, `a deal`. */
const article = (noun: string) => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;

function preset({ name, action, object }: Preset): Trigger {
  const verb = verbs[action];
  const data = samples[object];
  const previous =
    action === 'change' ? { update_time: '2026-11-19T16:00:00Z' } : action === 'delete' ? data : null;
  return defineTrigger({
    name,
    title: `${verb.title} ${EVENT_OBJECT_TITLES[object]}`,
    description: `Starts a workflow when ${article(EVENT_OBJECT_TITLES[object])} ${verb.description} in Pipedrive.`,
    event_action: action,
    event_object: object,
    input: z.strictObject(action === 'change' ? changeOptions : plainOptions),
    ...(entities[object] ? { entity: entities[object] } : {}),
    sample: sample(action, object, action === 'delete' ? null : data, previous),
  });
}

const presets: Preset[] = [
  { name: 'new_activity', action: 'create', object: 'activity' },
  { name: 'new_deal', action: 'create', object: 'deal' },
  { name: 'new_organization', action: 'create', object: 'organization' },
  { name: 'new_person', action: 'create', object: 'person' },
  { name: 'new_lead', action: 'create', object: 'lead' },
  { name: 'new_note', action: 'create', object: 'note' },
  { name: 'updated_activity', action: 'change', object: 'activity' },
  { name: 'updated_deal', action: 'change', object: 'deal' },
  { name: 'updated_organization', action: 'change', object: 'organization' },
  { name: 'updated_person', action: 'change', object: 'person' },
  { name: 'updated_lead', action: 'change', object: 'lead' },
  { name: 'deleted_deal', action: 'delete', object: 'deal' },
  { name: 'deleted_person', action: 'delete', object: 'person' },
  { name: 'deleted_organization', action: 'delete', object: 'organization' },
  // Objects only webhooks v2 sends (FACTS §1; Pipedrive's changelog of 2026-04-10): new, updated, deleted each.
  ...(['project', 'task', 'board', 'phase', 'deal_product', 'deal_installment'] as const).flatMap((object) =>
    (['create', 'change', 'delete'] as const).map((action) => ({
      name: `${verbs[action].name}_${object}`,
      action,
      object,
    })),
  ),
];

// ---------- deal status and stage ----------

/**
 * deal_won / deal_lost: a change whose `previous` holds `status` and whose new status is `status`; the sample
 * shows the fields Pipedrive sets with it (`now`) and their values before (`before`).
 */
function dealBecame(status: 'won' | 'lost', now: Record<string, unknown>, before: Record<string, unknown>) {
  return defineTrigger({
    name: `deal_${status}`,
    title: `Deal ${status}`,
    description: `Starts a workflow when a deal is marked as ${status}.`,
    event_action: 'change',
    event_object: 'deal',
    input: z.strictObject(plainOptions),
    entity: deal,
    sample: sample('change', 'deal', { ...sampleDeal, status, ...now }, { status: 'open', ...before }),
    condition: (event: TriggerEvent): string | null => {
      if (!event.previous || !('status' in event.previous)) return 'status did not change';
      return event.data?.status === status ? null : `status is ${String(event.data?.status)}, not ${status}`;
    },
  });
}

const dealWon = dealBecame('won', { won_time: '2026-11-20T09:30:00Z' }, { won_time: null });
const dealLost = dealBecame('lost', { lost_reason: 'Budget cut' }, { lost_reason: null });

const dealStageChanged = defineTrigger({
  name: 'deal_stage_changed',
  title: 'Deal stage changed',
  description:
    'Starts a workflow when a deal moves to another stage, optionally only within one pipeline or into one stage.',
  event_action: 'change',
  event_object: 'deal',
  input: z.strictObject({
    ...plainOptions,
    ...optional({
      pipeline_id: id('Only deals in this pipeline (after the move)', 'Pipeline'),
      stage_id: id('Only deals moved into this stage', 'Stage'),
    }),
  }),
  entity: deal,
  sample: sample('change', 'deal', { ...sampleDeal, stage_id: 4 }, { stage_id: 3 }),
  condition: (event, input) => {
    if (!event.previous || !('stage_id' in event.previous)) return 'stage did not change';
    if (input.pipeline_id !== undefined && Number(event.data?.pipeline_id) !== input.pipeline_id) {
      return `pipeline ${String(event.data?.pipeline_id)} is not ${input.pipeline_id}`;
    }
    if (input.stage_id !== undefined && Number(event.data?.stage_id) !== input.stage_id) {
      return `stage ${String(event.data?.stage_id)} is not ${input.stage_id}`;
    }
    return null;
  },
});

// ---------- the generic trigger ----------

const pipedriveEvent = defineTrigger({
  name: 'pipedrive_event',
  title: 'Pipedrive event',
  description:
    'Starts a workflow on any Pipedrive event you choose: an action (create, change, delete or any) on an object (deal, person, organization, activity, lead, note, product, project, project task, deal product, ... or any).',
  event_action: null,
  event_object: null,
  input: z.strictObject({
    event_action: labelled(EVENT_ACTION_LABELS, 'The action to listen for (`*` for any)'),
    event_object: labelled(EVENT_OBJECT_LABELS, 'The kind of record to listen for (`*` for any)'),
    ...changeOptions,
  }),
  sample: sample('change', 'deal', { ...sampleDeal, value: 15000 }, { value: 12000 }),
});

export const triggers: readonly Trigger[] = [
  pipedriveEvent,
  ...presets.map(preset),
  dealStageChanged,
  dealWon,
  dealLost,
];

const byName = new Map(triggers.map((t) => [t.name, t]));

export function findTrigger(name: string): Trigger | undefined {
  return byName.get(name);
}

/** The webhook event a subscription registers: the preset's, or the generic trigger's input. */
export function webhookEvent(trigger: Trigger, input: Record<string, unknown>) {
  return {
    event_action: (trigger.event_action ?? input.event_action) as (typeof EVENT_ACTIONS)[number],
    event_object: (trigger.event_object ?? input.event_object) as EventObject,
  };
}

/** Managing webhooks needs `admin` (SDK) or `webhooks:full` (Pipedrive's scope guide), FACTS §1. */
export const WEBHOOK_SCOPES = ['admin', 'webhooks:full'] as const;

/** The manifest entry of a trigger. */
export function triggerEntry(trigger: Trigger): TriggerEntry {
  return {
    name: trigger.name,
    title: trigger.title,
    description: trigger.description,
    event_action: trigger.event_action,
    event_object: trigger.event_object,
    scopes: WEBHOOK_SCOPES,
    // Options that pick a record (pipeline_id, stage_id, ...) get the same dropdowns as operation inputs.
    input_schema: withLookups(toJsonSchema(trigger.input, 'input')),
    output_schema: toJsonSchema(trigger.output, 'output'),
    sample: trigger.sample,
  };
}
