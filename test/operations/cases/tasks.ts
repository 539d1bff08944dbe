import { ok, page } from '../../fixtures/entities.js';
import { task } from '../../fixtures/projects.js';
import type { OperationCase } from '../harness.js';

/** A full add_task input: a POST body is sent exactly as given. */
const subtask = {
  title: 'Order the tracker hardware',
  project_id: 31,
  parent_task_id: 41,
  description: 'Forty units, delivered to the Tallinn depot',
  done: 0,
  milestone: 1,
  start_date: '2026-12-08',
  due_date: '2026-12-18',
  assignee_ids: [12, 13],
  priority: 2,
};

const cases: OperationCase[] = [
  {
    op: 'list_tasks',
    input: {
      project_id: '31',
      assignee_id: 12,
      is_done: 'false',
      is_milestone: false,
      parent_task_id: 'null',
      limit: 100,
    },
    method: 'GET',
    path: '/api/v2/tasks',
    query: {
      project_id: '31',
      assignee_id: '12',
      is_done: 'false',
      is_milestone: 'false',
      parent_task_id: 'null',
      limit: '100',
    },
    reply: page([task(41), task(42, { title: 'Book the kick-off call' })], 'dGFzazQy'),
  },
  {
    op: 'list_tasks',
    title: 'the subtasks of a task',
    input: { parent_task_id: '41', cursor: 'dGFzazQy' },
    method: 'GET',
    path: '/api/v2/tasks',
    query: { parent_task_id: '41', cursor: 'dGFzazQy' },
    reply: page([task(43, { title: 'Order the tracker hardware', parent_task_id: 41 })]),
  },
  {
    op: 'get_task',
    input: { id: 41 },
    method: 'GET',
    path: '/api/v2/tasks/41',
    reply: ok(task(41), null),
  },
  {
    op: 'add_task',
    input: subtask,
    method: 'POST',
    path: '/api/v2/tasks',
    body: subtask,
    reply: ok(task(43, { ...subtask, is_milestone: true, assignee_ids: [12, 13] }), null),
  },
  {
    op: 'update_task',
    title: 'done, reassigned, no due date',
    input: { id: 41, done: '1', assignee_id: 13, due_date: null },
    method: 'PATCH',
    path: '/api/v2/tasks/41',
    body: { done: 1, assignee_id: 13, due_date: null },
    reply: ok(
      task(41, {
        is_done: true,
        assignee_ids: [13],
        due_date: null,
        marked_as_done_time: '2026-12-05T16:40:00Z',
      }),
      null,
    ),
  },
  {
    op: 'update_task',
    title: 'to the root level',
    input: { id: 43, parent_task_id: null },
    method: 'PATCH',
    path: '/api/v2/tasks/43',
    body: { parent_task_id: null },
    reply: ok(task(43, { parent_task_id: null }), null),
  },
  {
    op: 'delete_task',
    input: { id: 41 },
    method: 'DELETE',
    path: '/api/v2/tasks/41',
    reply: ok({ id: 41 }, null),
  },
];

export default cases;
