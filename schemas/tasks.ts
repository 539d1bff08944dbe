import { z } from 'zod';
import { describe, id, labelledNumber, optional, record } from './common.js';
import { singleWithAdditional } from './projects.js';

/** Tasks: the to-dos of a project (API v2, SDK-only), optionally subtasks of another task. */

/** The dropdown of the tasks: of the project beside the field when there is one. */
const tasksLookup = (dependsOn: string[] = []) => ({
  'x-lookup': { lookup: 'tasks', ...(dependsOn.length > 0 ? { dependsOn } : {}) },
});

/** The `{id}` of the task endpoints. */
export const taskId = () =>
  z
    .int()
    .positive()
    .meta({ title: 'Task', description: 'The ID of the task', ...tasksLookup() });

export const taskTitle = describe(z.string().min(1), 'The title of the task');

export const taskProjectId = id('The ID of the project the task belongs to', 'Project');

/** Body of add_task (which makes `title` and `project_id` required) and update_task. */
export const taskBody = optional({
  title: taskTitle,
  project_id: taskProjectId,
  parent_task_id: z
    .int()
    .positive()
    .nullable()
    .meta({
      title: 'Parent task',
      description:
        'The ID of the parent task, making this a subtask (a subtask cannot be a parent); null makes it a root-level task',
      ...tasksLookup(['project_id']),
    }),
  description: describe(z.string().nullable(), 'The description of the task'),
  done: labelledNumber([0, 1], { 0: 'Not done', 1: 'Done' }, 'Whether the task is done'),
  milestone: labelledNumber([0, 1], { 0: 'No', 1: 'Milestone' }, 'Whether the task is a milestone'),
  start_date: describe(z.iso.date().nullable(), 'The start date of the task (YYYY-MM-DD); null clears it'),
  due_date: describe(z.iso.date().nullable(), 'The due date of the task (YYYY-MM-DD); null clears it'),
  assignee_id: describe(
    z.int().positive().nullable(),
    'The ID of the user assigned to the task; replaces `assignee_ids` with this one user',
    'Assignee',
  ),
  assignee_ids: describe(
    z.array(z.int().positive()),
    'The IDs of the users assigned to the task; `assignee_id` becomes the first of them (null when empty)',
    'Assignees',
  ),
  priority: describe(z.int().nullable(), 'The priority of the task'),
});

/** Query of list_tasks. */
export const taskListQuery = optional({
  project_id: id('Only the tasks of this project', 'Project'),
  assignee_id: id('Only tasks assigned to this user', 'Assignee'),
  is_done: describe(
    z.boolean(),
    'Whether to return only done (true) or only not done (false) tasks; both when omitted',
  ),
  is_milestone: describe(
    z.boolean(),
    'Whether to return only milestones (true) or only other tasks (false); both when omitted',
  ),
  parent_task_id: describe(
    z.string().regex(/^(null|[1-9]\d*)$/, 'expected `null` or a task ID'),
    '`null` for the root-level tasks only, or a task ID for its subtasks; all tasks when omitted',
    'Parent task',
  ),
});

/** A task as Pipedrive returns it. */
export const task = record({
  id: describe(z.int(), 'The ID of the task'),
  title: describe(z.string(), 'The title of the task'),
  description: describe(z.string(), 'The description of the task'),
  project_id: describe(z.int(), 'The ID of the project the task belongs to'),
  parent_task_id: describe(z.int(), 'The ID of the parent task; null for a root-level task'),
  creator_id: describe(z.int(), 'The ID of the user who created the task'),
  assignee_ids: describe(z.array(z.int()), 'The IDs of the users assigned to the task'),
  is_done: describe(z.boolean(), 'Whether the task is done'),
  is_milestone: describe(z.boolean(), 'Whether the task is a milestone'),
  start_date: describe(z.string(), 'The start date of the task (YYYY-MM-DD)'),
  due_date: describe(z.string(), 'The due date of the task (YYYY-MM-DD)'),
  priority: describe(z.int(), 'The priority of the task'),
  add_time: describe(z.string(), 'When the task was created (ISO 8601)'),
  update_time: describe(z.string(), 'When the task was last updated (ISO 8601)'),
  marked_as_done_time: describe(z.string(), 'When the task was marked as done (ISO 8601)'),
});

/** Output of delete_task. */
export const deletedTask = singleWithAdditional(
  record({ id: describe(z.int(), 'The ID of the deleted task (its subtasks are deleted too)') }),
);
