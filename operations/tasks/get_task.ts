import { defineOperation } from '../../runtime/define.js';
import { singleWithAdditional } from '../../schemas/projects.js';
import { task, taskId } from '../../schemas/tasks.js';

export default defineOperation({
  name: 'get_task',
  title: 'Get task',
  description: 'Returns one task: its project, parent, assignees, dates and whether it is done.',
  resource: 'tasks',
  method: 'GET',
  path: '/tasks/{id}',
  scopes: ['projects:read', 'projects:full'],
  tokenCost: { estimated: 1 },
  params: { id: taskId() },
  output: singleWithAdditional(task),
  sample: { id: 1 },
});
