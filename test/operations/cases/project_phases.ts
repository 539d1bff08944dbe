import { ok } from '../../fixtures/entities.js';
import { phase } from '../../fixtures/projects.js';
import type { OperationCase } from '../harness.js';

const cases: OperationCase[] = [
  {
    op: 'list_project_phases',
    input: { board_id: '1' },
    method: 'GET',
    path: '/api/v2/phases',
    query: { board_id: '1' },
    reply: ok([phase(11), phase(12, { name: 'Delivery', order_nr: 2 })], null),
  },
  {
    op: 'get_project_phase',
    input: { id: 12 },
    method: 'GET',
    path: '/api/v2/phases/12',
    reply: ok(phase(12, { name: 'Delivery', order_nr: 2 })),
  },
  {
    op: 'add_project_phase',
    input: { name: 'Delivery', board_id: 1, order_nr: 2 },
    method: 'POST',
    path: '/api/v2/phases',
    body: { name: 'Delivery', board_id: 1, order_nr: 2 },
    reply: ok(phase(12, { name: 'Delivery', order_nr: 2 })),
  },
  {
    op: 'update_project_phase',
    title: 'to another board',
    input: { id: 12, name: 'Go-live', board_id: 2 },
    method: 'PATCH',
    path: '/api/v2/phases/12',
    body: { name: 'Go-live', board_id: 2 },
    reply: ok(phase(12, { name: 'Go-live', board_id: 2, order_nr: 3 })),
  },
  {
    op: 'delete_project_phase',
    input: { id: 12 },
    method: 'DELETE',
    path: '/api/v2/phases/12',
    reply: ok({ id: 12 }),
  },
];

export default cases;
