import { ok } from '../../fixtures/entities.js';
import { board } from '../../fixtures/projects.js';
import type { OperationCase } from '../harness.js';

const cases: OperationCase[] = [
  {
    op: 'list_project_boards',
    input: {},
    method: 'GET',
    path: '/api/v2/boards',
    reply: ok([board(1), board(2, { name: 'Implementation', order_nr: 2 })], null),
  },
  {
    op: 'get_project_board',
    input: { id: '2' },
    method: 'GET',
    path: '/api/v2/boards/2',
    reply: ok(board(2, { name: 'Implementation', order_nr: 2 })),
  },
  {
    op: 'add_project_board',
    input: { name: 'Implementation', order_nr: 2 },
    method: 'POST',
    path: '/api/v2/boards',
    body: { name: 'Implementation', order_nr: 2 },
    reply: ok(board(2, { name: 'Implementation', order_nr: 2 })),
  },
  {
    op: 'add_project_board',
    title: 'last by default',
    input: { name: 'Renewals' },
    method: 'POST',
    path: '/api/v2/boards',
    body: { name: 'Renewals' },
    reply: ok(board(3, { name: 'Renewals', order_nr: 3 })),
  },
  {
    op: 'update_project_board',
    input: { id: 2, order_nr: '1' },
    method: 'PATCH',
    path: '/api/v2/boards/2',
    body: { order_nr: 1 },
    reply: ok(board(2, { name: 'Implementation', order_nr: 1 })),
  },
  {
    op: 'delete_project_board',
    input: { id: 3 },
    method: 'DELETE',
    path: '/api/v2/boards/3',
    reply: ok({ id: 3 }),
  },
];

export default cases;
