import { defineOperation } from '../../runtime/define.js';
import { singleWithAdditional } from '../../schemas/projects.js';
import { task, taskBody, taskId } from '../../schemas/tasks.js';

export default defineOperation({
  name: 'update_task',
  title: 'Update task',
  description:
    'Updates a task: e.g. marks it done (`done: 1`), reassigns it or moves its dates. Only the fields given change; null clears a date, the parent or the assignee.',
  resource: 'tasks',
  method: 'PATCH',
  path: '/tasks/{id}',
  scopes: ['projects:full'],
  tokenCost: { estimated: 5 },
  params: { id: taskId() },
  body: taskBody,
  output: singleWithAdditional(task),
  sample: { id: 1, done: 1 },
});
