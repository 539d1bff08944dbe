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
  optional,
  record,
  ref,
  searchItem,
  sortDirection,
  updatedSince,
  updatedUntil,
  visibleTo,
} from './common.js';

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
    'Single and multiple option custom field values come as `{ id, label }` objects instead of plain IDs',
  ),
  include_labels: describe(z.boolean(), 'Include the label objects (`{ id, label }`) of the record'),
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
