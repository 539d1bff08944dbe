import { defineOperation } from '../../runtime/define.js';
import { deletedTask, taskId } from '../../schemas/tasks.js';

export default defineOperation({
  name: 'delete_task',
  title: 'Delete task',
  description: 'Marks a task as deleted, and its subtasks with it.',
  resource: 'tasks',
  method: 'DELETE',
  path: '/tasks/{id}',
  scopes: ['projects:full'],
  tokenCost: { estimated: 3 },
  params: { id: taskId() },
  output: deletedTask,
  sample: { id: 1 },
});
