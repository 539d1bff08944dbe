import { z } from 'zod';
import {
  csv,
  customFieldKeys,
  customFields,
  customFieldsByName,
  date,
  describe,
  filterId,
  id,
  idList,
  labelled,
  labelledNumber,
  listV1Flat,
  optional,
  record,
  ref,
  searchItem,
  single,
  sortDirection,
  updatedSince,
  updatedUntil,
  visibleTo,
} from './common.js';
import { personV1 } from './persons.js';
import { organizationRef, personRef, relatedObjects, userRef } from './records.js';

const dealStatus = {
  open: 'Open',
  won: 'Won',
  lost: 'Lost',
  deleted: 'Deleted',
} as const;

export const dealTitle = describe(z.string().min(1), 'The title of the deal');

/** Body of add_deal (which makes `title` required) and update_deal. All fields optional. */
export const dealBody = optional({
  title: dealTitle,
  owner_id: id('The ID of the user who owns the deal', 'Owner'),
  person_id: id('The ID of the person linked to the deal', 'Person'),
  org_id: id('The ID of the organization linked to the deal', 'Organization'),
  pipeline_id: id('The ID of the pipeline associated with the deal', 'Pipeline'),
  stage_id: id('The ID of the deal stage', 'Stage'),
  value: describe(z.number(), 'The value of the deal'),
  currency: describe(z.string(), 'The currency of the deal value (3-letter code, e.g. USD)'),
  is_deleted: describe(z.boolean(), 'Whether the deal is deleted or not'),
  is_archived: describe(z.boolean(), 'Whether the deal is archived or not'),
  archive_time: describe(
    z.string(),
    'The date and time of archiving the deal in UTC (YYYY-MM-DD HH:MM:SS). If omitted and `is_archived` is true, the current time is used.',
  ),
  status: labelled(dealStatus, 'The status of the deal'),
  probability: describe(z.number().nullable(), 'The success probability percentage of the deal'),
  lost_reason: describe(
    z.string().nullable(),
    'The reason for losing the deal. Can only be set if the deal status is lost.',
  ),
  visible_to: visibleTo('The visibility of the deal'),
  close_time: describe(
    z.string().nullable(),
    'The date and time of closing the deal. Can only be set if the deal status is won or lost.',
  ),
  won_time: describe(
    z.string(),
    'The date and time the deal was won. Can only be set if the deal status is won.',
  ),
  lost_time: describe(
    z.string(),
    'The date and time the deal was lost. Can only be set if the deal status is lost.',
  ),
  expected_close_date: date('The expected close date of the deal (YYYY-MM-DD)'),
  label_ids: describe(z.array(z.int().positive()), 'The IDs of labels assigned to the deal', 'Labels'),
  custom_fields: customFields(),
});

export const dealIncludeFields = () =>
  csv(
    labelled(
      {
        next_activity_id: 'Next activity ID',
        last_activity_id: 'Last activity ID',
        first_won_time: 'First won time',
        products_count: 'Products count',
        files_count: 'Files count',
        notes_count: 'Notes count',
        followers_count: 'Followers count',
        email_messages_count: 'Email messages count',
        activities_count: 'Activities count',
        done_activities_count: 'Done activities count',
        undone_activities_count: 'Undone activities count',
        participants_count: 'Participants count',
        last_incoming_mail_time: 'Last incoming mail time',
        last_outgoing_mail_time: 'Last outgoing mail time',
        smart_bcc_email: 'Smart BCC email',
        source_lead_id: 'Source lead ID',
      },
      'An additional field',
    ),
    'Additional fields to include',
  );

/** Custom-field rendering options of the deal, person and organization reads. */
export const labelOptions = optional({
  include_option_labels: describe(
    z.boolean(),
    'Whether single and multiple option custom field values come as `{ id, label }` objects instead of plain IDs',
  ),
  include_labels: describe(
    z.boolean(),
    'Whether to include the label objects (`{ id, label }`) of the record',
  ),
});

/** Query of list_deals (which adds `labelOptions`) and list_archived_deals. */
export const dealListQuery = optional({
  filter_id: filterId('deals'),
  ids: idList('deal'),
  owner_id: id('Only deals owned by this user. Ignored when `filter_id` is given.', 'Owner'),
  person_id: id('Only deals linked to this person. Ignored when `filter_id` is given.', 'Person'),
  org_id: id('Only deals linked to this organization. Ignored when `filter_id` is given.', 'Organization'),
  pipeline_id: id('Only deals in this pipeline. Ignored when `filter_id` is given.', 'Pipeline'),
  stage_id: id('Only deals in this stage. Ignored when `filter_id` is given.', 'Stage'),
  status: csv(
    labelled(dealStatus, 'A deal status'),
    'Only deals with these statuses. When omitted, all deals that are not deleted; `deleted` includes deals deleted up to 30 days ago. Ignored when `filter_id` is given.',
  ),
  updated_since: updatedSince('deals'),
  updated_until: updatedUntil('deals'),
  sort_by: labelled(
    { id: 'ID', update_time: 'Update time', add_time: 'Add time' },
    'The field to sort by (default `id`)',
  ),
  sort_direction: sortDirection(),
  include_fields: dealIncludeFields(),
  custom_fields: customFieldKeys(),
});

/** A deal as Pipedrive returns it. */
export const deal = record({
  id: describe(z.int(), 'The ID of the deal'),
  title: describe(z.string(), 'The title of the deal'),
  creator_user_id: describe(z.int(), 'The ID of the user who created the deal'),
  owner_id: describe(z.int(), 'The ID of the user who owns the deal'),
  person_id: describe(z.int(), 'The ID of the person linked to the deal'),
  org_id: describe(z.int(), 'The ID of the organization linked to the deal'),
  pipeline_id: describe(z.int(), 'The ID of the pipeline associated with the deal'),
  stage_id: describe(z.int(), 'The ID of the deal stage'),
  value: describe(z.number(), 'The value of the deal'),
  currency: describe(z.string(), 'The currency associated with the deal'),
  add_time: describe(z.string(), 'The creation date and time of the deal'),
  update_time: describe(z.string(), 'The last updated date and time of the deal'),
  stage_change_time: describe(z.string(), 'The last updated date and time of the deal stage'),
  is_deleted: describe(z.boolean(), 'Whether the deal is deleted or not'),
  is_archived: describe(z.boolean(), 'Whether the deal is archived or not'),
  archive_time: describe(z.string(), 'The date and time the deal was archived'),
  status: describe(z.string(), 'The status of the deal'),
  probability: describe(z.number(), 'The success probability percentage of the deal'),
  lost_reason: describe(z.string(), 'The reason for losing the deal'),
  visible_to: describe(z.int(), 'The visibility of the deal'),
  close_time: describe(z.string(), 'The date and time of closing the deal'),
  won_time: describe(z.string(), 'The date and time of changing the deal status as won'),
  lost_time: describe(z.string(), 'The date and time of changing the deal status as lost'),
  local_won_date: describe(z.string(), 'The date the deal was won, in the company time zone'),
  local_lost_date: describe(z.string(), 'The date the deal was lost, in the company time zone'),
  local_close_date: describe(z.string(), 'The date the deal was closed, in the company time zone'),
  expected_close_date: describe(z.string(), 'The expected close date of the deal'),
  label_ids: describe(z.array(z.int()), 'The IDs of labels assigned to the deal'),
  origin: describe(z.string(), 'How the deal was created; set by Pipedrive'),
  origin_id: describe(z.string(), 'The optional ID further distinguishing the origin of the deal'),
  channel: describe(z.int(), 'The ID of the marketing channel this deal was created from'),
  channel_id: describe(z.string(), 'The optional ID further distinguishing the marketing channel'),
  arr: describe(z.number(), 'The Annual Recurring Revenue of the deal (Growth and above plans)'),
  mrr: describe(z.number(), 'The Monthly Recurring Revenue of the deal (Growth and above plans)'),
  acv: describe(z.number(), 'The Annual Contract Value of the deal (Growth and above plans)'),
  custom_fields: describe(z.record(z.string(), z.unknown()), 'Custom field values keyed by field key'),
  custom_fields_by_name: customFieldsByName(),
});

/** The `item` of a deal search hit. */
export const dealSearchItem = searchItem('deal', {
  title: describe(z.string(), 'The title of the deal'),
  value: describe(z.number(), 'The value of the deal'),
  currency: describe(z.string(), 'The currency of the deal'),
  status: describe(z.string(), 'The status of the deal'),
  stage: ref('stage'),
  person: ref('person'),
  organization: ref('organization'),
  is_archived: describe(z.boolean(), 'Whether the deal is archived or not'),
});

/** Conversion job status, shared by deal→lead and lead→deal conversions. */
export const conversionStatus = record({
  conversion_id: describe(z.string(), 'The ID (UUID) of the conversion job'),
  status: describe(
    z.string(),
    'Status of the conversion job: not_started, running, completed, failed or rejected',
  ),
  lead_id: describe(z.string(), 'The ID of the new lead, once the conversion completed'),
  deal_id: describe(z.int(), 'The ID of the new deal, once the conversion completed'),
});

export const conversionJob = record({
  conversion_id: describe(z.string(), 'The ID (UUID) of the conversion job; use it to check its status'),
});

// ---------- API v1 deals (merge, duplicate, timeline, summary, participants) ----------

/** The fields of a deal as API v1 answers it, without the four links (IDs, or objects in some lists). */
const dealV1Fields = {
  id: describe(z.int(), 'The ID of the deal'),
  stage_id: describe(z.int(), 'The ID of the stage of the deal'),
  pipeline_id: describe(z.int(), 'The ID of the pipeline of the deal'),
  title: describe(z.string(), 'The title of the deal'),
  value: describe(z.number(), 'The value of the deal'),
  currency: describe(z.string(), 'The currency of the deal value'),
  add_time: describe(z.string(), 'When the deal was added (UTC, YYYY-MM-DD HH:MM:SS)'),
  update_time: describe(z.string(), 'When the deal was last updated (UTC, YYYY-MM-DD HH:MM:SS)'),
  stage_change_time: describe(z.string(), 'When the deal last moved to another stage'),
  active: describe(z.boolean(), 'Whether the deal is active (not deleted)'),
  deleted: describe(z.boolean(), 'Whether the deal is deleted'),
  is_archived: describe(z.boolean(), 'Whether the deal is archived'),
  archive_time: describe(z.string(), 'When the deal was archived'),
  status: describe(z.string(), 'The status of the deal: open, won, lost or deleted'),
  probability: describe(z.number(), 'The success probability of the deal, in percent'),
  next_activity_date: describe(z.string(), 'The date of the next activity of the deal'),
  next_activity_time: describe(z.string(), 'The time of the next activity of the deal'),
  next_activity_id: describe(z.int(), 'The ID of the next activity of the deal'),
  last_activity_id: describe(z.int(), 'The ID of the last activity of the deal'),
  last_activity_date: describe(z.string(), 'The date of the last activity of the deal'),
  lost_reason: describe(z.string(), 'Why the deal was lost'),
  visible_to: describe(z.union([z.string(), z.int()]), 'The visibility of the deal (1, 3, 5 or 7)'),
  close_time: describe(z.string(), 'When the deal was won or lost'),
  won_time: describe(z.string(), 'When the deal was won'),
  first_won_time: describe(z.string(), 'When the deal was first won'),
  lost_time: describe(z.string(), 'When the deal was lost'),
  products_count: describe(z.int(), 'The number of products of the deal'),
  files_count: describe(z.int(), 'The number of files of the deal'),
  notes_count: describe(z.int(), 'The number of notes of the deal'),
  followers_count: describe(z.int(), 'The number of followers of the deal'),
  email_messages_count: describe(z.int(), 'The number of email messages of the deal'),
  activities_count: describe(z.int(), 'The number of activities of the deal'),
  done_activities_count: describe(z.int(), 'The number of done activities of the deal'),
  undone_activities_count: describe(z.int(), 'The number of activities of the deal still to do'),
  participants_count: describe(z.int(), 'The number of participants of the deal'),
  expected_close_date: describe(z.string(), 'The expected close date of the deal (YYYY-MM-DD)'),
  last_incoming_mail_time: describe(z.string(), 'When the last email about the deal came in'),
  last_outgoing_mail_time: describe(z.string(), 'When the last email about the deal went out'),
  label: describe(z.string(), 'The IDs of the labels of the deal, comma-separated'),
  stage_order_nr: describe(z.int(), 'The position of the stage of the deal in its pipeline'),
  person_name: describe(z.string(), 'The name of the person linked to the deal'),
  org_name: describe(z.string(), 'The name of the organization linked to the deal'),
  next_activity_subject: describe(z.string(), 'The subject of the next activity of the deal'),
  next_activity_type: describe(z.string(), 'The type of the next activity of the deal'),
  next_activity_duration: describe(z.string(), 'The duration of the next activity of the deal'),
  next_activity_note: describe(z.string(), 'The note of the next activity of the deal'),
  formatted_value: describe(z.string(), 'The value with its currency, e.g. `€5,000`'),
  weighted_value: describe(z.number(), 'The value times the probability (of the deal, else of its stage)'),
  formatted_weighted_value: describe(z.string(), 'The weighted value with its currency'),
  weighted_value_currency: describe(z.string(), 'The currency of the weighted value'),
  rotten_time: describe(z.string(), 'When the deal became rotten (idle in its stage for too long)'),
  owner_name: describe(z.string(), 'The name of the user who owns the deal'),
  cc_email: describe(z.string(), 'The BCC email address of the deal'),
  org_hidden: describe(z.boolean(), 'Whether the linked organization is hidden from the user'),
  person_hidden: describe(z.boolean(), 'Whether the linked person is hidden from the user'),
  origin: describe(z.string(), 'How the deal was created; set by Pipedrive'),
  origin_id: describe(z.string(), 'The optional ID further distinguishing the origin of the deal'),
  channel: describe(z.int(), 'The ID of the marketing channel the deal came from'),
  channel_id: describe(z.string(), 'The optional ID further distinguishing the marketing channel'),
  arr: describe(z.number(), 'The Annual Recurring Revenue of the deal (Growth and above plans)'),
  mrr: describe(z.number(), 'The Monthly Recurring Revenue of the deal (Growth and above plans)'),
  acv: describe(z.number(), 'The Annual Contract Value of the deal (Growth and above plans)'),
  arr_currency: describe(z.string(), 'The currency of `arr`'),
  mrr_currency: describe(z.string(), 'The currency of `mrr`'),
  acv_currency: describe(z.string(), 'The currency of `acv`'),
};

/**
 * A deal as API v1 answers it, with its links as IDs. Custom field values come as extra keys (40-character
 * hashes).
 */
export const dealV1 = record({
  ...dealV1Fields,
  creator_user_id: describe(z.int(), 'The ID of the user who created the deal'),
  user_id: describe(z.int(), 'The ID of the user who owns the deal'),
  person_id: describe(z.int(), 'The ID of the person linked to the deal'),
  org_id: describe(z.int(), 'The ID of the organization linked to the deal'),
});

/** A deal of a v1 list that links its owner, creator, person and organization as objects. */
export const dealV1Linked = record({
  ...dealV1Fields,
  creator_user_id: describe(userRef, 'The user who created the deal'),
  user_id: describe(userRef, 'The user who owns the deal'),
  person_id: describe(personRef, 'The person linked to the deal'),
  org_id: describe(organizationRef, 'The organization linked to the deal'),
});

/** Output of merge_deals: the deal that stays. */
export const mergedDeal = single(
  dealV1.extend(
    record({ merge_what_id: describe(z.int(), 'The ID of the deal that was merged into this one') }).shape,
  ),
);

const v1Status = { open: 'Open', won: 'Won', lost: 'Lost' } as const;

/** Query of get_deals_summary. */
export const dealsSummaryQuery = optional({
  status: labelled(v1Status, 'Only deals with this status (default: all that are not deleted)'),
  filter_id: filterId('deals'),
  user_id: id('Only deals owned by this user. Ignored when `filter_id` is given.', 'Owner'),
  pipeline_id: id('Only deals in this pipeline', 'Pipeline'),
  stage_id: id('Only deals in this stage', 'Stage'),
});

/** A currency group of the summary. */
const currencyTotal = record({
  value: describe(z.number(), 'The total value of the deals in this currency'),
  count: describe(z.int(), 'The number of deals in this currency'),
  value_converted: describe(z.number(), "The total value converted into the company's default currency"),
  value_formatted: describe(z.string(), 'The total value with its currency, e.g. `€50`'),
  value_converted_formatted: describe(z.string(), 'The converted total with its currency, e.g. `US$50.10`'),
});

/**
 * Output of get_deals_summary. Pipedrive's document shows `values_total` and `weighted_values_total` as one
 * currency group; the API (and the document's example) key them by currency code.
 */
export const dealsSummary = single(
  record({
    values_total: describe(
      z.record(z.string(), currencyTotal),
      'The totals of the deals by currency code (e.g. `EUR`)',
    ),
    weighted_values_total: describe(
      z.record(z.string(), currencyTotal),
      'The weighted totals (value times probability) of the deals by currency code',
    ),
    total_count: describe(z.int(), 'The number of deals'),
    total_currency_converted_value: describe(z.number(), "The total value in the company's default currency"),
    total_weighted_currency_converted_value: describe(
      z.number(),
      "The total weighted value in the company's default currency",
    ),
    total_currency_converted_value_formatted: describe(
      z.string(),
      "The total value in the company's default currency, formatted, e.g. `US$5,100.96`",
    ),
    total_weighted_currency_converted_value_formatted: describe(
      z.string(),
      "The total weighted value in the company's default currency, formatted",
    ),
  }),
);

/** Query of get_deals_timeline. */
export const dealsTimelineQuery = {
  start_date: date('The first day of the first interval (YYYY-MM-DD)'),
  interval: labelled(
    { day: 'Day', week: 'Week (7 days)', month: 'Month', quarter: 'Quarter (3 months)' },
    'The length of each interval, counted from `start_date`',
  ),
  amount: describe(z.int().positive(), 'How many intervals to return, e.g. 3 (months)'),
  field_key: describe(
    z.string().min(1),
    'The key of the date field that places each deal in an interval, e.g. `expected_close_date`, `add_time`, `won_time`, or the key of a custom date field',
  ),
  ...optional({
    user_id: id('Only deals owned by this user', 'Owner'),
    pipeline_id: id('Only deals in this pipeline', 'Pipeline'),
    filter_id: filterId('deals'),
    exclude_deals: labelledNumber(
      [0, 1],
      { 0: 'Include the deals', 1: 'Totals only' },
      'Set to 1 to leave out the deals of each interval; the totals are still returned',
    ),
    totals_convert_currency: z
      .string()
      .min(1)
      .meta({
        title: 'Convert totals to currency',
        description:
          "A currency code (or `default_currency` for the user's default): each interval also gets `totals_converted`, its totals in that currency",
        'x-lookup': { lookup: 'currencies' },
      }),
  }),
};

const currencyAmounts = (what: string) =>
  describe(z.record(z.string(), z.number()), `${what}, by currency code`);

/** One interval of the timeline: its deals and their totals. */
const timelinePeriod = record({
  period_start: describe(z.string(), 'The start of the interval (YYYY-MM-DD HH:MM:SS)'),
  period_end: describe(z.string(), 'The end of the interval (YYYY-MM-DD HH:MM:SS)'),
  deals: describe(z.array(dealV1), 'The open and won deals of the interval (none with `exclude_deals: 1`)'),
  totals: describe(
    record({
      count: describe(z.int(), 'The number of deals'),
      values: currencyAmounts('The total values'),
      weighted_values: currencyAmounts('The total weighted values (value times probability)'),
      open_count: describe(z.int(), 'The number of open deals'),
      open_values: currencyAmounts('The total values of the open deals'),
      weighted_open_values: currencyAmounts('The total weighted values of the open deals'),
      won_count: describe(z.int(), 'The number of won deals'),
      won_values: currencyAmounts('The total values of the won deals'),
    }),
    'The totals of the interval',
  ),
  totals_converted: describe(
    z.record(z.string(), z.unknown()),
    'The totals in the currency of `totals_convert_currency`, when given',
  ),
});

/**
 * Output of get_deals_timeline: one period per interval. Pipedrive's document shows `data` as a single period
 * object; the endpoint returns a list (one per interval asked for), so both are accepted.
 */
export const dealsTimeline = z.looseObject({
  success: describe(z.boolean(), 'Whether the request succeeded'),
  data: describe(
    z.union([z.array(timelinePeriod), timelinePeriod]).nullable(),
    'The intervals, in order, each with its deals and totals',
  ),
});

// ---------- participants ----------

/** A participant of a deal: a person linked to it besides its main person. */
export const dealParticipant = record({
  id: describe(z.int(), 'The ID of the participant (use it to remove the participant from the deal)'),
  person_id: describe(personRef, 'The person, in short'),
  person: describe(personV1, 'The person'),
  add_time: describe(z.string(), 'When the participant was added (UTC, YYYY-MM-DD HH:MM:SS)'),
  active_flag: describe(z.boolean(), 'Whether the participant is active'),
  added_by_user_id: describe(userRef, 'The user who added the participant'),
  related_item_type: describe(z.string(), 'The kind of record the person participates in (`deal`)'),
  related_item_id: describe(z.int(), 'The ID of the deal'),
  related_item_data: describe(
    record({
      deal_id: describe(z.int(), 'The ID of the deal'),
      title: describe(z.string(), 'The title of the deal'),
    }),
    'The deal, in short',
  ),
});

/** Output of get_deal_participants, with the records they link. */
export const dealParticipants = listV1Flat(dealParticipant, 'participant').extend({
  related_objects: relatedObjects.nullish(),
});

/** Output of add_deal_participant: the new participant. */
export const addedParticipant = single(dealParticipant).extend({ related_objects: relatedObjects.nullish() });

/** A change of the participants of a deal. */
export const participantChange = record({
  actor_user_id: describe(z.int(), 'The ID of the user who made the change'),
  person_id: describe(z.int(), 'The ID of the person added or removed'),
  action: describe(z.string(), 'What happened: `added` or `removed`'),
  time: describe(z.string(), 'When it happened (UTC, YYYY-MM-DD HH:MM:SS)'),
});
