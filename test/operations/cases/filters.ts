import { ok } from '../../fixtures/entities.js';
import { filter } from '../../fixtures/reference.js';
import type { OperationCase } from '../harness.js';

const cases: OperationCase[] = [
  {
    op: 'list_filters',
    input: { type: 'people' },
    method: 'GET',
    path: '/v1/filters',
    query: { type: 'people' },
    reply: ok([
      filter(17, 'Decision makers in Estonia', 'people'),
      filter(18, 'No activity in 90 days', 'people'),
    ]),
  },
];

export default cases;
