import { ok } from '../../fixtures/entities.js';
import { currency } from '../../fixtures/reference.js';
import type { OperationCase } from '../harness.js';

const cases: OperationCase[] = [
  {
    op: 'list_currencies',
    input: { term: 'kr' },
    method: 'GET',
    path: '/v1/currencies',
    query: { term: 'kr' },
    reply: ok([currency(33, 'SEK', 'Swedish Krona', 'kr'), currency(34, 'NOK', 'Norwegian Krone', 'kr')]),
  },
  {
    op: 'list_currencies',
    title: 'all',
    input: {},
    method: 'GET',
    path: '/v1/currencies',
    reply: ok([currency(1, 'EUR', 'Euro', '€')]),
  },
];

export default cases;
