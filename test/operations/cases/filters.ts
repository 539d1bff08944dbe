import { ok } from '../../fixtures/entities.js';
import { filter } from '../../fixtures/reference.js';
import type { OperationCase } from '../harness.js';

/** Deals over 10,000 in one of two stages: an `and` group and an `or` group, every condition field once. */
const conditions = {
  glue: 'and',
  conditions: [
    {
      glue: 'and',
      conditions: [
        { object: 'deal', field_id: 12453, operator: '>', value: 10000, extra_value: 'EUR' },
        { object: 'organization', field_id: '3981', operator: 'IS NOT NULL' },
      ],
    },
    {
      glue: 'or',
      conditions: [
        { object: 'deal', field_id: '12451', operator: '=', value: 3, extra_value: null },
        { object: 'deal', field_id: '12451', operator: '=', value: 4 },
      ],
    },
  ],
};

const bigDeals = { ...filter(42, 'Big deals in negotiation', 'deals'), conditions };

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
  {
    op: 'add_filter',
    input: { name: 'Big deals in negotiation', type: 'deals', conditions },
    method: 'POST',
    path: '/v1/filters',
    body: { name: 'Big deals in negotiation', type: 'deals', conditions },
    reply: ok(bigDeals),
  },
  {
    op: 'get_filter',
    input: { id: '42' },
    method: 'GET',
    path: '/v1/filters/42',
    reply: ok(bigDeals),
  },
  {
    op: 'update_filter',
    input: { id: 42, conditions: { glue: 'and', conditions: [{ glue: 'and', conditions: [] }] } },
    method: 'PUT',
    path: '/v1/filters/42',
    body: { conditions: { glue: 'and', conditions: [{ glue: 'and', conditions: [] }] } },
    reply: ok({ ...bigDeals, conditions: { glue: 'and', conditions: [{ glue: 'and', conditions: [] }] } }),
  },
  {
    op: 'update_filter',
    title: 'renamed',
    input: { id: 42, name: 'Big deals', conditions },
    method: 'PUT',
    path: '/v1/filters/42',
    body: { name: 'Big deals', conditions },
    reply: ok({ ...bigDeals, name: 'Big deals' }),
  },
  {
    op: 'delete_filter',
    input: { id: 42 },
    method: 'DELETE',
    path: '/v1/filters/42',
    reply: ok({ id: 42 }),
  },
  {
    op: 'delete_many_filters',
    input: { ids: '42,43' },
    method: 'DELETE',
    path: '/v1/filters',
    query: { ids: '42,43' },
    reply: ok({ id: [42, 43] }),
  },
  {
    op: 'get_filter_helpers',
    input: {},
    method: 'GET',
    path: '/v1/filters/helpers',
    reply: ok({
      operators: {
        int: { '=': 'is', '!=': 'is not', '>': 'is more than' },
        enum: [{ '=': 'is' }, { '!=': 'is not' }],
      },
      deprecated_operators: { "NOT LIKE '%$%'": 'does not contain' },
      relative_dates: { 'Relative dates': { yesterday: 'yesterday', today: 'today' } },
      address_field_components: { locality: 'City/town/village/locality', country: 'Country' },
    }),
  },
];

export default cases;
