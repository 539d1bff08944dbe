import { z } from 'zod';
import {
  csv,
  customFields,
  date,
  describe,
  exactMatch,
  filterId,
  id,
  labelled,
  optional,
  record,
  searchFields,
  searchTerm,
  single,
} from './common.js';
import { plainList } from './reference.js';

/**
 * Projects (Pipedrive's project management add-on, API v2 as the official SDK knows it): projects sit on a board
 * in one of its phases; project templates pre-fill new projects; the v1 project plan places tasks and activities
 * in phases and groups.
 */

const emptyAdditional = {
  additional_data: describe(z.record(z.string(), z.unknown()), 'Nothing for this call (null)').nullish(),
};

/** `{ success, data: <one record>, additional_data }`: templates, tasks and the plan carry an empty `additional_data`. */
export const singleWithAdditional = <T extends z.ZodType>(data: T) => single(data).extend(emptyAdditional);

/** `{ success, data: [records], additional_data }` without pages: the v1 project plan and groups. */
export const plainListWithAdditional = <T extends z.ZodType>(item: T) =>
  plainList(item).extend(emptyAdditional);

/** An ID input that is a dropdown of one of the family's lookups (operations/lookups.ts). */
const pick = (lookup: string, title: string, description: string) =>
  z.int().positive().meta({ title, description, 'x-lookup': { lookup } });

/** The `{id}` of the project endpoints (and the v1 project plan's). */
export const projectId = () => pick('projects', 'Project', 'The ID of the project');

/** The `{id}` of the board endpoints. */
export const boardId = () => pick('boards', 'Board', 'The ID of the project board');

/** The `{id}` of the phase endpoints: phases of every board, as "Phase (Board)". */
export const phaseId = () => pick('phases', 'Phase', 'The ID of the project phase');

/** The `{id}` of the project template endpoints, and `template_id` of add_project. */
export const templateId = (description = 'The ID of the project template') =>
  pick('project_templates', 'Project template', description);

// ---------- boards and phases ----------

const orderNr = (of: string, among: string) =>
  describe(
    z.int().min(1),
    `The position of the ${of} among ${among}: from 1 to their number + 1 (default: last)`,
    'Order number',
  );

export const boardName = describe(z.string().min(1), 'The name of the project board');

/** Body of add_project_board (which makes `name` required) and update_project_board. */
export const boardFields = optional({ name: boardName, order_nr: orderNr('board', 'the boards') });

/** A project board as Pipedrive returns it. */
export const board = record({
  id: describe(z.int(), 'The ID of the project board'),
  name: describe(z.string(), 'The name of the project board'),
  order_nr: describe(z.int(), 'The position of the board among the boards'),
  add_time: describe(z.string(), 'When the board was created (ISO 8601)'),
  update_time: describe(z.string(), 'When the board was last updated (ISO 8601)'),
});

export const phaseName = describe(z.string().min(1), 'The name of the project phase');

export const phaseBoardId = id('The ID of the project board the phase belongs to', 'Board');

/** Body of add_project_phase (which makes `name` and `board_id` required) and update_project_phase. */
export const phaseFields = optional({
  name: phaseName,
  board_id: phaseBoardId,
  order_nr: orderNr('phase', 'the phases of its board'),
});

/** A project phase as Pipedrive returns it. */
export const phase = record({
  id: describe(z.int(), 'The ID of the project phase'),
  name: describe(z.string(), 'The name of the project phase'),
  board_id: describe(z.int(), 'The ID of the project board the phase belongs to'),
  order_nr: describe(z.int(), 'The position of the phase within its board'),
  add_time: describe(z.string(), 'When the phase was created (ISO 8601)'),
  update_time: describe(z.string(), 'When the phase was last updated (ISO 8601)'),
});

// ---------- projects ----------

const projectStatus = { open: 'Open', completed: 'Completed', canceled: 'Canceled' } as const;

const idArray = (records: string, title: string) =>
  describe(z.array(z.int().positive()), `The IDs of the ${records} linked to the project`, title);

export const projectTitle = describe(z.string().min(1), 'The title of the project');

/** Body of add_project (which makes `title` required and adds `template_id`) and update_project. */
export const projectBody = optional({
  title: projectTitle,
  description: describe(z.string(), 'The description of the project'),
  status: labelled(projectStatus, 'The status of the project'),
  board_id: id('The ID of the project board the project is on', 'Board'),
  phase_id: id('The ID of the phase (of that board) the project is in', 'Phase'),
  owner_id: id('The ID of the user who owns the project', 'Owner'),
  start_date: date('The start date of the project (YYYY-MM-DD)'),
  end_date: date('The end date of the project (YYYY-MM-DD)'),
  deal_ids: idArray('deals', 'Deals'),
  person_ids: idArray('persons', 'Persons'),
  org_ids: idArray('organizations', 'Organizations'),
  label_ids: describe(z.array(z.int().positive()), 'The IDs of the labels of the project', 'Labels'),
  health_status: describe(z.int(), 'The health status of the project', 'Health status'),
  custom_fields: customFields(),
});

/** Query of list_projects (which adds the deal, person and organization filters) and list_archived_projects. */
export const projectListQuery = optional({
  filter_id: filterId('projects'),
  status: csv(
    labelled({ ...projectStatus, deleted: 'Deleted' }, 'A project status'),
    'Only projects with these statuses; deleted projects are left out unless `deleted` is asked for',
  ),
  phase_id: id('Only projects in this phase', 'Phase'),
});

/** A project as Pipedrive returns it. */
export const project = record({
  id: describe(z.int(), 'The ID of the project'),
  title: describe(z.string(), 'The title of the project'),
  description: describe(z.string(), 'The description of the project'),
  status: describe(z.string(), 'The status of the project: `open`, `completed`, `canceled` or `deleted`'),
  board_id: describe(z.int(), 'The ID of the project board the project is on'),
  phase_id: describe(z.int(), 'The ID of the phase the project is in'),
  owner_id: describe(z.int(), 'The ID of the user who owns the project'),
  start_date: describe(z.string(), 'The start date of the project (YYYY-MM-DD)'),
  end_date: describe(z.string(), 'The end date of the project (YYYY-MM-DD)'),
  deal_ids: describe(z.array(z.int()), 'The IDs of the deals linked to the project'),
  person_ids: describe(z.array(z.int()), 'The IDs of the persons linked to the project'),
  org_ids: describe(z.array(z.int()), 'The IDs of the organizations linked to the project'),
  label_ids: describe(z.array(z.int()), 'The IDs of the labels of the project'),
  health_status: describe(z.int(), 'The health status of the project'),
  add_time: describe(z.string(), 'When the project was created (ISO 8601)'),
  update_time: describe(z.string(), 'When the project was last updated (ISO 8601)'),
  status_change_time: describe(z.string(), 'When the status of the project last changed (ISO 8601)'),
  archive_time: describe(z.string(), 'When the project was archived (ISO 8601); null when it is not'),
  custom_fields: customFields('Custom field values keyed by the field code (40-character hash)'),
});

/** Query of search_projects. */
export const projectSearchQuery = {
  term: searchTerm(),
  ...optional({
    fields: searchFields({
      title: 'Title',
      description: 'Description',
      notes: 'Notes',
      custom_fields: 'Custom fields',
    }),
    exact_match: exactMatch(),
    person_id: id('Only projects linked to this person', 'Person'),
    organization_id: id('Only projects linked to this organization', 'Organization'),
  }),
};

const linked = (entity: string, extra: Record<string, z.ZodType> = {}) =>
  describe(
    record({
      id: describe(z.int(), `The ID of the ${entity}`),
      name: describe(z.string(), `The name of the ${entity}`),
      ...extra,
    }),
    `The ${entity} of the project`,
  );

/** The `item` of a project search hit. */
export const projectSearchItem = record({
  id: describe(z.int(), 'The ID of the project'),
  type: describe(z.string(), 'The type of the item (`project`)'),
  title: describe(z.string(), 'The title of the project'),
  description: describe(z.string(), 'The description of the project'),
  status: describe(z.string(), 'The status of the project'),
  owner: describe(
    record({ id: describe(z.int(), 'The ID of the user who owns the project') }),
    'The owner of the project',
  ),
  board_id: describe(z.int(), 'The ID of the project board the project is on'),
  phase: linked('phase'),
  person: linked('person'),
  organization: linked('organization', {
    address: describe(z.string(), 'The address of the organization'),
  }),
  deal: describe(
    record({
      id: describe(z.int(), 'The ID of the deal'),
      title: describe(z.string(), 'The title of the deal'),
    }),
    'The deal of the project',
  ),
  deal_count: describe(z.int(), 'The number of deals linked to the project'),
  end_date: describe(z.string(), 'The end date of the project'),
  custom_fields: describe(z.array(z.string()), 'Matching custom field values'),
  notes: describe(z.array(z.string()), 'Matching notes'),
});

/** One change of get_project_changelog. */
export const projectChange = record({
  time: describe(z.string(), 'When the change was made (ISO 8601)'),
  actor_user_id: describe(z.int(), 'The ID of the user who made the change'),
  change_source: describe(z.string(), 'Where the change came from, e.g. `app`, `mobile`, `api`'),
  change_source_user_agent: describe(z.string(), 'The user agent the change was made with'),
  old_values: describe(z.record(z.string(), z.unknown()), 'The changed fields before the change, by key'),
  new_values: describe(z.record(z.string(), z.unknown()), 'The changed fields after the change, by key'),
});

/** Output of get_project_permitted_users: user IDs. */
export const permittedUsers = z.looseObject({
  success: describe(z.boolean(), 'Whether the request succeeded'),
  data: describe(z.array(z.int()), 'The IDs of the users who may see the project').nullable(),
});

// ---------- project templates ----------

/** A project template as Pipedrive returns it. */
export const projectTemplate = record({
  id: describe(z.int(), 'The ID of the project template'),
  title: describe(z.string(), 'The title of the project template'),
  description: describe(z.string(), 'The description of the project template'),
  projects_board_id: describe(z.int(), 'The ID of the project board of the projects made from it'),
  owner_id: describe(z.int(), 'The ID of the user who owns the template'),
  add_time: describe(z.string(), 'When the template was created (ISO 8601)'),
  update_time: describe(z.string(), 'When the template was last updated (ISO 8601)'),
});

// ---------- the project plan, groups and activities (API v1) ----------

/** A task or activity placed in a project's plan. */
export const planItem = record({
  item_id: describe(z.int(), 'The ID of the task or activity'),
  item_type: describe(z.string(), 'What the item is: `task` or `activity`'),
  phase_id: describe(z.int(), 'The ID of the phase the item is in; null when in none'),
  group_id: describe(z.int(), 'The ID of the group the item is in; null when in none'),
});

/** Body of update_project_plan_activity and update_project_plan_task (numbers, as API v1 types them). */
export const planItemBody = optional({
  phase_id: describe(
    z.number().positive(),
    "The ID of the phase (of the project's board) to move the item to",
    'Phase',
  ),
  group_id: describe(
    z.number().positive(),
    'The ID of the group (of the project) to move the item to; see get_project_groups',
    'Group',
  ),
});

/** A group of a project's plan. */
export const projectGroup = record({
  id: describe(z.int(), 'The ID of the group'),
  name: describe(z.string(), 'The name of the group'),
  order_nr: describe(z.int(), 'The position of the group in the plan'),
});

const location = (part: string) => describe(z.string(), `The ${part} of the location`);

/** An activity of get_project_activities (API v1's activity model). */
export const projectActivity = record({
  id: describe(z.int(), 'The ID of the activity'),
  subject: describe(z.string(), 'The subject of the activity'),
  type: describe(z.string(), 'The type of the activity (the `key_string` of an activity type)'),
  done: describe(z.boolean(), 'Whether the activity is done'),
  due_date: describe(z.string(), 'The due date of the activity (YYYY-MM-DD)'),
  due_time: describe(z.string(), 'The due time of the activity (HH:MM, UTC)'),
  duration: describe(z.string(), 'The duration of the activity (HH:MM)'),
  busy_flag: describe(z.boolean(), 'Whether the activity marks its user as busy'),
  user_id: describe(z.int(), 'The ID of the user the activity is assigned to'),
  company_id: describe(z.int(), 'The ID of the company'),
  deal_id: describe(z.int(), 'The ID of the deal linked to the activity'),
  lead_id: describe(z.string(), 'The ID (UUID) of the lead linked to the activity'),
  person_id: describe(z.int(), 'The ID of the person linked to the activity'),
  org_id: describe(z.int(), 'The ID of the organization linked to the activity'),
  project_id: describe(z.int(), 'The ID of the project linked to the activity'),
  public_description: describe(z.string(), 'The description shown to guests in their calendars'),
  conference_meeting_client: describe(z.string(), 'The ID of the Marketplace app of the meeting'),
  conference_meeting_url: describe(z.string(), 'The link to join the meeting'),
  conference_meeting_id: describe(z.string(), "The meeting's ID at its provider (Zoom, MS Teams, ...)"),
  add_time: describe(z.string(), 'When the activity was created (UTC, YYYY-MM-DD HH:MM:SS)'),
  update_time: describe(z.string(), 'When the activity was last updated (UTC, YYYY-MM-DD HH:MM:SS)'),
  update_user_id: describe(z.int(), 'The ID of the user who last updated the activity'),
  marked_as_done_time: describe(z.string(), 'When the activity was marked as done (YYYY-MM-DD HH:MM:SS)'),
  active_flag: describe(z.boolean(), 'Whether the activity is active (not deleted)'),
  source_timezone: describe(z.string(), 'The time zone the activity was created in, in an external calendar'),
  location: describe(z.string(), 'The address of the activity'),
  location_subpremise: location('apartment or suite number'),
  location_street_number: location('house number'),
  location_route: location('street name'),
  location_sublocality: location('district or sublocality'),
  location_locality: location('city, town or village'),
  location_admin_area_level_1: location('state or county'),
  location_admin_area_level_2: location('region'),
  location_country: location('country'),
  location_postal_code: location('ZIP or postal code'),
  location_formatted_address: location('full address'),
});
