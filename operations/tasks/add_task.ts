import { defineOperation } from '../../runtime/define.js';
import { singleWithAdditional } from '../../schemas/projects.js';
import { task, taskBody, taskProjectId, taskTitle } from '../../schemas/tasks.js';

export default defineOperation({
  name: 'add_task',
  title: 'Add task',
  description:
    'Adds a task to a project (`title` and `project_id` are required), or a subtask with `parent_task_id`, with its assignees and dates.',
  resource: 'tasks',
  method: 'POST',
  path: '/tasks',
  scopes: ['projects:full'],
  tokenCost: { estimated: 5 },
  body: { ...taskBody, title: taskTitle, project_id: taskProjectId },
  output: singleWithAdditional(task),
  sample: { title: 'Send the welcome pack', project_id: 1, due_date: '2026-12-14', assignee_ids: [1] },
});
