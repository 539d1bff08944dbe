import { z } from 'zod';
import type { InputCheck } from '../runtime/define.js';
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
  listV1Flat,
  optional,
  record,
  searchItem,
  single,
  sortDirection,
  updatedSince,
  updatedUntil,
  visibleTo,
} from './common.js';
import { pick, relatedObjects } from './records.js';

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

// ---------- organization relationships (API v1) ----------

/*
 * Organization relationships (API v1): a parent organization and its daughter, or two related organizations.
 * The answers also say what the linked organization is to a base organization (`org_id`): its
 * `calculated_type` (parent, daughter or related) and ID.
 */

const relationshipType = () =>
  labelled(
    { parent: 'Parent (the owner is the parent of the linked organization)', related: 'Related' },
    'The kind of relationship: `parent` (the owner organization is the parent, the linked one its daughter) or `related`',
  );

/** The base organization whose point of view the answer's calculated fields take. */
const baseOrganization = () =>
  pick(
    'organizations',
    'The organization whose point of view `calculated_type` and `calculated_related_org_id` of the answer take',
    'Seen from organization',
  );

/** The `{id}` of a relationship, with its dropdown (the relationships of `org_id`). */
export const relationshipId = () =>
  z
    .int()
    .positive()
    .meta({
      title: 'Relationship',
      description: 'The ID of the organization relationship',
      'x-lookup': { lookup: 'organization_relationships', dependsOn: ['org_id'] },
    });

/** Body of add_organization_relationship (type and both organizations required) and update. */
export const relationshipFields = {
  type: relationshipType(),
  rel_owner_org_id: pick(
    'organizations',
    'The owner of the relationship: with `type: parent`, the parent organization',
    'Owner organization',
  ),
  rel_linked_org_id: pick(
    'organizations',
    'The linked organization: with `type: parent`, the daughter organization',
    'Linked organization',
  ),
};

/**
 * An organization cannot be related to itself: refused before sending when both ends are given and the same (an
 * update that gives one end only is left to Pipedrive, which knows the other).
 */
export const notItself: InputCheck = (input) =>
  input.rel_owner_org_id !== undefined && input.rel_owner_org_id === input.rel_linked_org_id
    ? {
        field: 'rel_linked_org_id',
        message: 'is the same as rel_owner_org_id: an organization cannot be related to itself',
      }
    : undefined;

/** `org_id` of get and update: the point of view of the answer. */
export const seenFrom = optional({ org_id: baseOrganization() });

/** An organization of a relationship, in short. */
const relationshipOrganization = (role: string) =>
  describe(
    record({
      value: describe(z.int(), 'The ID of the organization'),
      name: describe(z.string(), 'The name of the organization'),
      people_count: describe(z.int(), 'The number of persons of the organization'),
      owner_id: describe(z.int(), 'The ID of the user who owns the organization'),
      address: describe(z.string(), 'The address of the organization'),
      cc_email: describe(z.string(), 'The BCC email address of the organization'),
      active_flag: describe(z.boolean(), 'Whether the organization is active'),
    }),
    role,
  );

/** An organization relationship as Pipedrive returns it. */
export const relationship = record({
  id: describe(z.int(), 'The ID of the relationship'),
  type: describe(z.string(), 'The kind of relationship: `parent` or `related`'),
  rel_owner_org_id: relationshipOrganization('The owner organization (the parent, for `parent`)'),
  rel_linked_org_id: relationshipOrganization('The linked organization (the daughter, for `parent`)'),
  add_time: describe(z.string(), 'When the relationship was added (UTC, YYYY-MM-DD HH:MM:SS)'),
  update_time: describe(z.string(), 'When the relationship was last updated'),
  active_flag: describe(z.union([z.string(), z.boolean()]), 'Whether the relationship is active'),
  calculated_type: describe(
    z.string(),
    'What the other organization is to the base organization (`org_id`): `parent`, `daughter` or `related`',
  ),
  calculated_related_org_id: describe(z.int(), 'The ID of the other organization, seen from `org_id`'),
  related_organization_name: describe(z.string(), 'The name of the other organization, seen from `org_id`'),
});

/** Output of list_organization_relationships, with the organizations they link. */
export const relationshipList = listV1Flat(relationship, 'relationship').extend({
  related_objects: relatedObjects.nullish(),
});

/** The answer of get, add and update: the relationship, with the organizations it links. */
export const relationshipAnswer = single(relationship).extend({ related_objects: relatedObjects.nullish() });
