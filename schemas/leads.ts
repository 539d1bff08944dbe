import { z } from 'zod';
import {
  customFieldsByName,
  date,
  describe,
  filterId,
  id,
  labelled,
  listV1Flat,
  optional,
  record,
  ref,
  searchItem,
  uuid,
  visibleTo,
} from './common.js';

/** The `item` of a lead search hit. */
export const leadSearchItem = searchItem(
  'lead',
  {
    title: describe(z.string(), 'The title of the lead'),
    person: ref('person'),
    organization: ref('organization'),
    phones: describe(z.array(z.string()), 'Phone numbers of the linked person'),
    emails: describe(z.array(z.string()), 'Email addresses of the linked person'),
    value: describe(z.number(), 'The value of the lead'),
    currency: describe(z.string(), 'The currency of the lead value'),
    is_archived: describe(z.boolean(), 'Whether the lead is archived or not'),
    was_seen: describe(z.boolean(), 'Whether the lead was seen (with `include_fields=lead.was_seen`)'),
  },
  z.string(),
);

// ---------- API v1 leads ----------

/**
 * The visibility of a lead. Leads take it as a string (`"1"`, `"3"`, `"5"`, `"7"`), unlike other records;
 * the labels and plan notes are those of `visibleTo`.
 */
const visibility = visibleTo('The visibility of the lead').meta() as {
  description: string;
  'x-enum-labels': Record<'1' | '3' | '5' | '7', string>;
};
const leadVisibleTo = labelled(
  visibility['x-enum-labels'],
  `${visibility.description} Leads take the value as a string.`,
);

/** `{ amount, currency }`: both are required when a value is given; null removes it. */
const leadValue = describe(
  z
    .strictObject({
      amount: describe(z.number(), 'The potential value of the lead'),
      currency: describe(z.string().min(1), 'The currency of the value (3-letter code, e.g. EUR)'),
    })
    .nullable(),
  'The potential value of the lead, e.g. `{ "amount": 200, "currency": "EUR" }`; null for none (on update: removes it)',
);

const leadTitle = describe(z.string().min(1), 'The title of the lead');

const personId = 'The ID of the person linked to the lead. A lead needs a person, an organization or both.';
const orgId =
  'The ID of the organization linked to the lead. A lead needs a person, an organization or both.';
const closeDate = 'The date the deal created from the lead is expected to close (YYYY-MM-DD)';

/** Fields add_lead and update_lead share. */
const leadFields = {
  owner_id: id('The ID of the user who owns the lead (default: the user making the request)', 'Owner'),
  label_ids: describe(z.array(z.uuid()), 'The IDs (UUIDs) of the lead labels of the lead', 'Labels'),
  value: leadValue,
  visible_to: leadVisibleTo,
  was_seen: describe(z.boolean(), 'Whether the lead was seen by someone in the Pipedrive UI'),
  channel: describe(
    z.int().nullable(),
    'The ID of the marketing channel the lead came from; one of the channels configured for the company',
  ),
  channel_id: describe(z.string().nullable(), 'An optional ID further distinguishing the marketing channel'),
};

/** Body of add_lead: `title` is required, and a person or an organization (or both). */
export const addLeadBody = {
  title: leadTitle,
  ...optional({
    ...leadFields,
    person_id: id(personId, 'Person'),
    organization_id: id(orgId, 'Organization'),
    expected_close_date: date(closeDate),
    origin_id: describe(
      z.string().nullable(),
      'An optional ID further distinguishing the origin of the lead, e.g. which integration created it',
    ),
  }),
};

/** Body of update_lead: only the fields given change; null unsets the nullable ones. */
export const updateLeadBody = optional({
  ...leadFields,
  title: describe(z.string().min(1).nullable(), 'The title of the lead'),
  person_id: describe(z.int().positive().nullable(), `${personId} Null unlinks it.`, 'Person'),
  organization_id: describe(z.int().positive().nullable(), `${orgId} Null unlinks it.`, 'Organization'),
  expected_close_date: describe(z.iso.date().nullable(), `${closeDate}; null removes it`),
  is_archived: describe(z.boolean(), 'Whether the lead is archived'),
});

/** The `{id}` path parameter of the lead endpoints. */
export const leadPath = { id: uuid('The ID of the lead', 'Lead') };

/** Query of list_leads. */
export const leadListQuery = optional({
  owner_id: id('Only leads owned by this user. Ignored when `filter_id` is given.', 'Owner'),
  person_id: id('Only leads linked to this person. Ignored when `filter_id` is given.', 'Person'),
  organization_id: id(
    'Only leads linked to this organization. Ignored when `filter_id` is given.',
    'Organization',
  ),
  filter_id: filterId('leads'),
  sort: labelled(
    {
      id: 'ID',
      title: 'Title',
      owner_id: 'Owner',
      creator_id: 'Creator',
      was_seen: 'Was seen',
      expected_close_date: 'Expected close date',
      next_activity_id: 'Next activity',
      add_time: 'Add time',
      update_time: 'Update time',
    },
    'The field to sort by (default: creation time, oldest first)',
  ),
});

/** A lead as Pipedrive returns it (API v1). Custom field values come as extra keys (40-character hashes). */
export const lead = record({
  id: describe(z.string(), 'The ID (UUID) of the lead'),
  title: describe(z.string(), 'The title of the lead'),
  owner_id: describe(z.int(), 'The ID of the user who owns the lead'),
  creator_id: describe(z.int(), 'The ID of the user who created the lead'),
  label_ids: describe(z.array(z.string()), 'The IDs of the lead labels of the lead'),
  person_id: describe(z.int(), 'The ID of the person linked to the lead'),
  organization_id: describe(z.int(), 'The ID of the organization linked to the lead'),
  source_name: describe(z.string(), 'Where the lead comes from, e.g. `API` or `Manually created`'),
  origin: describe(z.string(), 'How the lead was created; set by Pipedrive'),
  origin_id: describe(z.string(), 'The optional ID further distinguishing the origin of the lead'),
  channel: describe(z.int(), 'The ID of the marketing channel the lead came from'),
  channel_id: describe(z.string(), 'The optional ID further distinguishing the marketing channel'),
  is_archived: describe(z.boolean(), 'Whether the lead is archived'),
  was_seen: describe(z.boolean(), 'Whether the lead was seen by someone in the Pipedrive UI'),
  value: describe(
    record({
      amount: describe(z.number(), 'The potential value of the lead'),
      currency: describe(z.string(), 'The currency of the value'),
    }),
    'The potential value of the lead',
  ),
  expected_close_date: describe(z.string(), 'The date the deal created from the lead is expected to close'),
  next_activity_id: describe(z.int(), 'The ID of the next activity of the lead'),
  add_time: describe(z.string(), 'When the lead was created'),
  update_time: describe(z.string(), 'When the lead was last updated'),
  visible_to: describe(z.union([z.string(), z.int()]), 'The visibility of the lead (1, 3, 5 or 7)'),
  cc_email: describe(z.string(), 'The BCC email address of the lead'),
  custom_fields_by_name: customFieldsByName(),
});

/** Output of list_leads and list_archived_leads: a v1 list (its document flattens the page into `additional_data`). */
export const leadList = listV1Flat(lead, 'lead');

/** A lead label as Pipedrive returns it. */
export const leadLabel = record({
  id: describe(z.string(), 'The ID (UUID) of the label; use it in `label_ids`'),
  name: describe(z.string(), 'The name of the label'),
  color: describe(
    z.string(),
    'The color of the label (blue, brown, dark-gray, gray, green, orange, pink, purple, red, yellow)',
  ),
  add_time: describe(z.string(), 'When the label was created'),
  update_time: describe(z.string(), 'When the label was last updated'),
});

/** The `{id}` of the lead label endpoints: a dropdown of the labels. */
export const leadLabelId = () =>
  z.uuid().meta({
    title: 'Lead label',
    description: 'The ID (UUID) of the lead label',
    'x-lookup': { lookup: 'lead_labels' },
  });

/** Fields of add_lead_label (both required) and update_lead_label. */
export const leadLabelFields = {
  name: describe(z.string().min(1), 'The name of the lead label'),
  color: labelled(
    {
      blue: 'Blue',
      brown: 'Brown',
      'dark-gray': 'Dark gray',
      gray: 'Gray',
      green: 'Green',
      orange: 'Orange',
      pink: 'Pink',
      purple: 'Purple',
      red: 'Red',
      yellow: 'Yellow',
    },
    'The color of the label (one of the colors Pipedrive offers)',
  ),
};

/** A lead source as Pipedrive returns it (a fixed list). */
export const leadSource = record({
  name: describe(z.string(), 'The name of the lead source, e.g. `API`, `Web forms`, `Import`'),
});
