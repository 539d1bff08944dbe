import { z } from 'zod';
import type { InputCheck } from '../runtime/define.js';
import { csv, describe, labelled, list, listV1Flat, optional, record, single } from './common.js';
import { mailMessage } from './mail.js';
import { plainList } from './reference.js';

/**
 * What the API v1 endpoints around deals, persons, organizations, products and leads share: record IDs picked
 * from a dropdown, merges, the field changelog, the updates ("flow"), the related objects v1 answers carry, the
 * mail messages of a record and its permitted users.
 */

/** A record's integer ID with a dropdown of the connector's lookup `lookup` (the field keeps its type). */
export const pick = (lookup: string, description: string, title: string) =>
  z.int().positive().meta({ title, description, 'x-lookup': { lookup } });

/** `{id}` of the endpoints below a deal, person, organization or product, with its dropdown. */
export const recordPath = (entity: 'deal' | 'person' | 'organization' | 'product') => ({
  id: pick(`${entity}s`, `The ID of the ${entity}`, entity.charAt(0).toUpperCase() + entity.slice(1)),
});

// ---------- merges ----------

/**
 * The input of a merge: `id` is merged into `merge_with_id`, which stays; merging a record into itself is
 * refused before anything is sent.
 */
export function mergeInput(entity: 'deal' | 'person' | 'organization', note = '') {
  const lookup = `${entity}s`;
  const Entity = entity.charAt(0).toUpperCase() + entity.slice(1);
  const check: InputCheck = (input) =>
    input.id === input.merge_with_id
      ? { field: 'merge_with_id', message: `is the same as id: a ${entity} cannot be merged into itself` }
      : undefined;
  return {
    params: {
      id: pick(
        lookup,
        `The ${entity} to merge; it is merged into \`merge_with_id\` and then deleted`,
        Entity,
      ),
    },
    body: {
      merge_with_id: pick(
        lookup,
        `The ${entity} that stays, with the data of both.${note ? ` ${note}` : ''}`,
        'Merge into',
      ),
    },
    check,
  };
}

// ---------- the field changelog (cursor-paged) ----------

/** One change of a field value. */
export const fieldChange = record({
  field_key: describe(z.string(), 'The key of the changed field (a 40-character hash for custom fields)'),
  old_value: describe(z.string(), 'The value before the change, as text; null when it was empty'),
  new_value: describe(z.string(), 'The value after the change, as text; null when it became empty'),
  actor_user_id: describe(z.int(), 'The ID of the user who made the change'),
  time: describe(z.string(), 'When the change was made (UTC, YYYY-MM-DD HH:MM:SS)'),
  change_source: describe(z.string(), 'Where the change came from, e.g. `app`, `mobile`, `api`'),
  change_source_user_agent: describe(z.string(), 'The user agent the change was made from'),
  is_bulk_update_flag: describe(z.boolean(), 'Whether the change was part of a bulk update'),
});

/** Output of the changelogs: newest first, paged by cursor. */
export const changelog = list(fieldChange);

// ---------- related objects of v1 answers ----------

const byId = <T extends z.ZodType>(item: T, what: string) =>
  describe(z.record(z.string(), item), `${what}, keyed by ID`);

const contactInfo = (what: string) =>
  describe(
    z.array(
      record({
        value: describe(z.string(), `The ${what}`),
        primary: describe(z.boolean(), `Whether it is the primary ${what}`),
        label: describe(z.string(), 'Its label, e.g. `work`, `home`, `mobile`, `other`'),
      }),
    ),
    `The ${what}s of the person`,
  );

export const personEmails = () => contactInfo('email address');
export const personPhones = () => contactInfo('phone number');

/** A user as v1 answers link it (`related_objects.user`, or in place of a user ID). */
export const userRef = record({
  id: describe(z.int(), 'The ID of the user'),
  name: describe(z.string(), 'The name of the user'),
  email: describe(z.string(), 'The email address of the user'),
  has_pic: describe(z.union([z.int(), z.boolean()]), 'Whether the user has a picture'),
  pic_hash: describe(z.string(), 'The hash of the user picture'),
  active_flag: describe(z.boolean(), 'Whether the user is active'),
  value: describe(z.int(), 'The ID of the user (when it stands in place of a user ID)'),
});

/** An organization as v1 answers link it (`related_objects.organization`, or in place of `org_id`). */
export const organizationRef = record({
  id: describe(z.int(), 'The ID of the organization'),
  name: describe(z.string(), 'The name of the organization'),
  people_count: describe(z.int(), 'The number of persons of the organization'),
  owner_id: describe(z.int(), 'The ID of the user who owns the organization'),
  address: describe(z.string(), 'The address of the organization'),
  cc_email: describe(z.string(), 'The BCC email address of the organization'),
  active_flag: describe(z.boolean(), 'Whether the organization is active'),
  value: describe(z.int(), 'The ID of the organization (when it stands in place of `org_id`)'),
});

/** A person as v1 answers link it (`related_objects.person`, or in place of `person_id`). */
export const personRef = record({
  id: describe(z.int(), 'The ID of the person'),
  name: describe(z.string(), 'The name of the person'),
  email: personEmails(),
  phone: personPhones(),
  owner_id: describe(z.int(), 'The ID of the user who owns the person'),
  company_id: describe(z.int(), 'The ID of the company'),
  active_flag: describe(z.boolean(), 'Whether the person is active'),
  value: describe(z.int(), 'The ID of the person (when it stands in place of `person_id`)'),
});

const dealRef = record({
  id: describe(z.int(), 'The ID of the deal'),
  title: describe(z.string(), 'The title of the deal'),
  status: describe(z.string(), 'The status of the deal'),
  value: describe(z.number(), 'The value of the deal'),
  currency: describe(z.string(), 'The currency of the deal value'),
  stage_id: describe(z.int(), 'The ID of the stage of the deal'),
  pipeline_id: describe(z.int(), 'The ID of the pipeline of the deal'),
});

const stageRef = record({
  id: describe(z.int(), 'The ID of the stage'),
  company_id: describe(z.int(), 'The ID of the company'),
  order_nr: describe(z.int(), 'The position of the stage in its pipeline'),
  name: describe(z.string(), 'The name of the stage'),
  active_flag: describe(z.boolean(), 'Whether the stage is active'),
  deal_probability: describe(z.number(), 'The success probability of deals in the stage, in percent'),
  pipeline_id: describe(z.int(), 'The ID of the pipeline of the stage'),
  pipeline_name: describe(z.string(), 'The name of the pipeline of the stage'),
  pipeline_deal_probability: describe(z.boolean(), 'Whether the pipeline uses deal probabilities'),
  rotten_flag: describe(z.boolean(), 'Whether deals rot in the stage'),
  rotten_days: describe(z.int(), 'After how many idle days deals rot in the stage'),
  add_time: describe(z.string(), 'When the stage was added'),
  update_time: describe(z.string(), 'When the stage was last updated'),
});

const pipelineRef = record({
  id: describe(z.int(), 'The ID of the pipeline'),
  name: describe(z.string(), 'The name of the pipeline'),
  url_title: describe(z.string(), 'The name of the pipeline in URLs'),
  order_nr: describe(z.int(), 'The position of the pipeline'),
  active: describe(z.boolean(), 'Whether the pipeline is active'),
  deal_probability: describe(z.boolean(), 'Whether the pipeline uses deal probabilities'),
  add_time: describe(z.string(), 'When the pipeline was added'),
  update_time: describe(z.string(), 'When the pipeline was last updated'),
});

/**
 * `related_objects`: the records the answer's items link to, by kind and ID (v1). Pipedrive's document shows
 * `stage` and `pipeline` as one record; its examples (and the API) key them by ID like the others.
 */
export const relatedObjects = describe(
  record({
    deal: byId(dealRef, 'The linked deals'),
    organization: byId(organizationRef, 'The linked organizations'),
    person: byId(personRef, 'The linked persons'),
    user: byId(userRef, 'The linked users'),
    stage: byId(stageRef, 'The linked stages'),
    pipeline: byId(pipelineRef, 'The linked pipelines'),
  }),
  'The records the items link to, by kind and ID',
);

// ---------- updates ("flow") ----------

/** The kinds of updates of a record, for `items`. */
export const updateKinds = {
  call: 'Calls',
  activity: 'Activities',
  plannedActivity: 'Planned activities',
  change: 'Changes',
  note: 'Notes',
  deal: 'Deals',
  file: 'Files',
  dealChange: 'Deal changes',
  personChange: 'Person changes',
  organizationChange: 'Organization changes',
  follower: 'Followers',
  dealFollower: 'Deal followers',
  personFollower: 'Person followers',
  organizationFollower: 'Organization followers',
  participant: 'Participants',
  comment: 'Comments',
  mailMessage: 'Mail messages',
  mailMessageWithAttachment: 'Mail messages with attachments',
  invoice: 'Invoices',
  document: 'Documents',
  marketing_campaign_stat: 'Marketing campaign statistics',
  marketing_status_change: 'Marketing status changes',
  activityFile: 'Activity files',
} as const;

/** The kinds of updates of a deal or a person: all but `activityFile` (organizations only). */
export const dealAndPersonUpdateKinds = (Object.keys(updateKinds) as (keyof typeof updateKinds)[]).filter(
  (kind) => kind !== 'activityFile',
);

/** Query of the updates of a record: custom field changes on request, and a choice of kinds. */
export function updatesQuery<const K extends keyof typeof updateKinds>(kinds: readonly K[]) {
  const labels: Record<string, string> = {};
  for (const kind of kinds) labels[kind] = updateKinds[kind];
  return optional({
    all_changes: labelled(
      { 1: 'Include custom field changes' },
      'Set to 1 to include the changes of custom fields (left out by default)',
    ),
    items: csv(
      labelled(labels as Record<K, string>, 'A kind of update'),
      'Only these kinds of updates (default: all)',
    ),
  });
}

/** One update of a record: its kind (`object`), when, and the changed or added item. */
export const update = record({
  object: describe(
    z.string(),
    'The kind of update, e.g. `dealChange`, `activity`, `note`, `mailMessage`, `file`, `participant`',
  ),
  timestamp: describe(z.string(), 'When it happened (UTC, YYYY-MM-DD HH:MM:SS)'),
  data: describe(
    z.record(z.string(), z.unknown()),
    'The item: a field change (`field_key`, `old_value`, `new_value`, ...), an activity, a note, a mail message, ...',
  ),
});

/** Output of the updates of a record: newest first, paged by `start`/`limit`, with the linked records. */
export const updates = listV1Flat(update, 'update').extend({ related_objects: relatedObjects.nullish() });

// ---------- mail messages and permitted users ----------

/** A mail message of a record's list: the mailbox's message and a few fields more. */
const recordMailMessage = mailMessage.extend(
  record({
    nylas_id: describe(z.string(), 'The ID the mail sync provider gave the message'),
    s3_bucket: describe(z.string(), 'The storage bucket of the message'),
    s3_bucket_path: describe(z.string(), 'The storage path of the message'),
    external_deleted_flag: describe(z.boolean(), 'Whether the message was deleted at the provider'),
    mua_message_id: describe(z.string(), 'The message ID given by the mail user agent'),
    template_id: describe(z.int(), 'The ID of the mail template the message was made from'),
    timestamp: describe(z.string(), 'When the message was added'),
    item_type: describe(z.string(), 'The kind of item (`mailMessage`)'),
    company_id: describe(z.int(), 'The ID of the company'),
  }).shape,
);

/** Output of the mail messages of a deal, person or organization: newest first, paged by `start`/`limit`. */
export const mailMessages = listV1Flat(
  record({
    object: describe(z.string(), 'The kind of item (`mailMessage`)'),
    timestamp: describe(z.string(), 'When the message was added (UTC, YYYY-MM-DD HH:MM:SS)'),
    data: recordMailMessage,
  }),
  'message',
);

/** Output of the permitted users endpoints: the IDs of the users who may see the record. */
export const permittedUsers = plainList(describe(z.int(), 'The ID of a user permitted to see the record'));

/** `{ success, data: { id } }` of a merge that answers only the ID of the record that stays. */
export const mergedId = (entity: string) =>
  single(record({ id: describe(z.int(), `The ID of the ${entity} that stays`) }));
