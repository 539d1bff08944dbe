import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { task, taskListQuery } from '../../schemas/tasks.js';

export default defineOperation({
  name: 'list_tasks',
  title: 'List tasks',
  description:
    "Returns tasks (not deleted), optionally of one project, assignee or parent task, done or not, milestones or not. With `project_id` it is the project's task list.",
  resource: 'tasks',
  method: 'GET',
  path: '/tasks',
  scopes: ['projects:read', 'projects:full'],
  tokenCost: { estimated: 10 },
  query: taskListQuery,
  pagination: { maxLimit: 500 },
  output: list(task),
  sample: { project_id: 1, is_done: false, parent_task_id: 'null', limit: 100 },
});
