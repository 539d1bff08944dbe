import { z } from 'zod';
import { describe, record } from './common.js';

/**
 * Projects and their boards, phases and tasks as Pipedrive returns them (API v2, SDK 33.7.0's models `Project`,
 * `GetProjectBoardsResponseDataInner`, `GetProjectPhasesResponseDataInner`, `GetTasksResponseDataInner`); every
 * field may be absent or null, as with the other entities.
 */
export const project = record({
  id: describe(z.int(), 'The ID of the project'),
  title: describe(z.string(), 'The title of the project'),
  description: describe(z.string(), 'The description of the project'),
  status: describe(z.string(), 'The status of the project'),
  board_id: describe(z.int(), 'The ID of the board the project is on'),
  phase_id: describe(z.int(), 'The ID of the phase the project is in'),
  owner_id: describe(z.int(), 'The ID of the user who owns the project'),
  start_date: describe(z.string(), 'The start date of the project (YYYY-MM-DD)'),
  end_date: describe(z.string(), 'The end date of the project (YYYY-MM-DD)'),
  deal_ids: describe(z.array(z.int()), 'The IDs of the deals linked to the project'),
  person_ids: describe(z.array(z.int()), 'The IDs of the persons linked to the project'),
  org_ids: describe(z.array(z.int()), 'The IDs of the organizations linked to the project'),
  label_ids: describe(z.array(z.int()), 'The IDs of the labels of the project'),
  health_status: describe(z.int(), 'The health status of the project'),
  add_time: describe(z.string(), 'The creation date and time of the project'),
  update_time: describe(z.string(), 'The last updated date and time of the project'),
  status_change_time: describe(z.string(), 'The date and time of the last status change'),
  archive_time: describe(z.string(), 'The date and time the project was archived; null when it is not'),
  custom_fields: describe(
    z.record(z.string(), z.unknown()),
    'The custom fields of the project, by their 40-character keys',
  ),
});

/** A project board. */
export const projectBoard = record({
  id: describe(z.int(), 'The ID of the project board'),
  name: describe(z.string(), 'The name of the project board'),
  order_nr: describe(z.int(), 'The position of the board'),
  add_time: describe(z.string(), 'The creation date and time of the board'),
  update_time: describe(z.string(), 'The last updated date and time of the board'),
});

/** A phase of a project board. */
export const projectPhase = record({
  id: describe(z.int(), 'The ID of the project phase'),
  name: describe(z.string(), 'The name of the project phase'),
  board_id: describe(z.int(), 'The ID of the project board the phase belongs to'),
  order_nr: describe(z.int(), 'The position of the phase within its board'),
  add_time: describe(z.string(), 'The creation date and time of the phase'),
  update_time: describe(z.string(), 'The last updated date and time of the phase'),
});

/** A task of a project. */
export const task = record({
  id: describe(z.int(), 'The ID of the task'),
  title: describe(z.string(), 'The title of the task'),
  creator_id: describe(z.int(), 'The ID of the user who created the task'),
  description: describe(z.string(), 'The description of the task'),
  project_id: describe(z.int(), 'The ID of the project the task belongs to'),
  is_done: describe(z.boolean(), 'Whether the task is done'),
  is_milestone: describe(z.boolean(), 'Whether the task is a milestone'),
  due_date: describe(z.string(), 'The due date of the task (YYYY-MM-DD)'),
  start_date: describe(z.string(), 'The start date of the task (YYYY-MM-DD)'),
  parent_task_id: describe(z.int(), 'The ID of the parent task; null for a root-level task'),
  assignee_ids: describe(z.array(z.int()), 'The IDs of the users the task is assigned to'),
  priority: describe(z.int(), 'The priority of the task'),
  add_time: describe(z.string(), 'The creation date and time of the task'),
  update_time: describe(z.string(), 'The last updated date and time of the task'),
  marked_as_done_time: describe(z.string(), 'The date and time the task was marked as done'),
});
