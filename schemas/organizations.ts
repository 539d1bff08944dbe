import { z } from 'zod';
import {
  addressInput,
  addressShape,
  csv,
  customFieldKeys,
  customFields,
  customFieldsByName,
  dateTime,
  describe,
  filterId,
  id,
  idList,
  labelled,
  optional,
  record,
  searchItem,
  sortDirection,
  updatedSince,
  updatedUntil,
  visibleTo,
} from './common.js';

// ---------- shared by organizations and persons ----------

/** Body fields every contact (organization or person) has. */
export const contactBody = (entity: string) =>
  optional({
    owner_id: id(`The ID of the user who owns the ${entity}`, 'Owner'),
    add_time: dateTime(`The creation date and time of the ${entity} (RFC 3339)`),
    update_time: dateTime(`The last updated date and time of the ${entity} (RFC 3339)`),
    visible_to: visibleTo(`The visibility of the ${entity}`),
    label_ids: describe(z.array(z.int().positive()), `The IDs of labels assigned to the ${entity}`, 'Labels'),
    custom_fields: customFields(
      'Custom field values keyed by the field key (40-character hash); `null` clears a value (also for multiple option fields, which refuse `[]`)',
    ),
  });

/** Additional fields that organization and person reads can include. */
const contactCounts = {
  next_activity_id: 'Next activity ID',
  last_activity_id: 'Last activity ID',
  open_deals_count: 'Open deals count',
  related_open_deals_count: 'Related open deals count',
  closed_deals_count: 'Closed deals count',
  related_closed_deals_count: 'Related closed deals count',
  email_messages_count: 'Email messages count',
  activities_count: 'Activities count',
  done_activities_count: 'Done activities count',
  undone_activities_count: 'Undone activities count',
  files_count: 'Files count',
  notes_count: 'Notes count',
  followers_count: 'Followers count',
  won_deals_count: 'Won deals count',
  related_won_deals_count: 'Related won deals count',
  lost_deals_count: 'Lost deals count',
  related_lost_deals_count: 'Related lost deals count',
  smart_bcc_email: 'Smart BCC email',
} as const;

export const contactIncludeFields = <const T extends Record<string, string>>(extra: T, note = '') =>
  csv(labelled({ ...contactCounts, ...extra }, 'An additional field'), `Additional fields to include${note}`);

/** Query of list_organizations and list_persons (each adds its own filters and `include_fields`). */
export const contactListQuery = (entities: string) =>
  optional({
    filter_id: filterId(entities),
    ids: idList(entities.replace(/s$/, '')),
    owner_id: id(`Only ${entities} owned by this user. Ignored when \`filter_id\` is given.`, 'Owner'),
    updated_since: updatedSince(entities),
    updated_until: updatedUntil(entities),
    sort_by: labelled(
      { id: 'ID', update_time: 'Update time', add_time: 'Add time' },
      'The field to sort by (default `id`)',
    ),
    sort_direction: sortDirection(),
    custom_fields: customFieldKeys(),
  });

/** Output fields every contact (organization or person) has. */
export const contactOutput = (entity: string) => ({
  id: describe(z.int(), `The ID of the ${entity}`),
  name: describe(z.string(), `The name of the ${entity}`),
  owner_id: describe(z.int(), `The ID of the user who owns the ${entity}`),
  add_time: describe(z.string(), `The creation date and time of the ${entity}`),
  update_time: describe(z.string(), `The last updated date and time of the ${entity}`),
  is_deleted: describe(z.boolean(), `Whether the ${entity} is deleted or not`),
  visible_to: describe(z.int(), `The visibility of the ${entity}`),
  label_ids: describe(z.array(z.int()), `The IDs of labels assigned to the ${entity}`),
  custom_fields: describe(z.record(z.string(), z.unknown()), 'Custom field values keyed by field key'),
});

// ---------- organizations ----------

export const organizationName = describe(z.string().min(1), 'The name of the organization');

/** Body of add_organization (which makes `name` required) and update_organization. */
export const organizationBody = {
  ...optional({ name: organizationName }),
  ...contactBody('organization'),
  ...optional({
    address: addressInput('organization', 'The address of the organization'),
    website: describe(z.string().nullable(), 'The website of the organization'),
    linkedin: describe(z.string().nullable(), 'The LinkedIn profile URL of the organization'),
    industry: describe(
      z.int().nullable(),
      'The industry the organization belongs to (an option ID of the Industry field)',
    ),
    annual_revenue: describe(z.number().nullable(), 'The annual revenue of the organization'),
    employee_count: describe(z.int().nullable(), 'The number of employees in the organization'),
  }),
};

export const organizationIncludeFields = () => contactIncludeFields({ people_count: 'People count' });

/** An organization as Pipedrive returns it. */
export const organization = record({
  ...contactOutput('organization'),
  address: describe(record(addressShape('organization')), 'The address of the organization'),
  website: describe(z.string(), 'The website of the organization'),
  linkedin: describe(z.string(), 'The LinkedIn profile URL of the organization'),
  industry: describe(z.number(), 'The industry the organization belongs to'),
  annual_revenue: describe(z.number(), 'The annual revenue of the organization'),
  employee_count: describe(z.number(), 'The number of employees in the organization'),
  custom_fields_by_name: customFieldsByName(),
});

/** The `item` of an organization search hit. */
export const organizationSearchItem = searchItem('organization', {
  name: describe(z.string(), 'The name of the organization'),
  address: describe(z.string(), 'The address of the organization'),
});
