import add_task from './add_task.js';
import delete_task from './delete_task.js';
import get_task from './get_task.js';
import list_tasks from './list_tasks.js';
import update_task from './update_task.js';

/** The task operations (API v2: the tasks of projects). */
export default [add_task, delete_task, get_task, list_tasks, update_task];
