import { ok, page } from '../../fixtures/entities.js';
import { pipeline } from '../../fixtures/pipelines.js';
import type { OperationCase } from '../harness.js';

const cases: OperationCase[] = [
  {
    op: 'add_pipeline',
    input: { name: 'Enterprise sales', is_deal_probability_enabled: true },
    method: 'POST',
    path: '/api/v2/pipelines',
    body: { name: 'Enterprise sales', is_deal_probability_enabled: true },
    reply: ok(pipeline()),
  },
  {
    op: 'update_pipeline',
    input: { id: 1, name: 'Enterprise sales (EMEA)', is_deal_probability_enabled: false },
    method: 'PATCH',
    path: '/api/v2/pipelines/1',
    body: { name: 'Enterprise sales (EMEA)', is_deal_probability_enabled: false },
    reply: ok(pipeline(1, { name: 'Enterprise sales (EMEA)', is_deal_probability_enabled: false })),
  },
  {
    op: 'get_pipeline',
    input: { id: 1 },
    method: 'GET',
    path: '/api/v2/pipelines/1',
    reply: ok(pipeline()),
  },
  {
    op: 'delete_pipeline',
    input: { id: 1 },
    method: 'DELETE',
    path: '/api/v2/pipelines/1',
    reply: ok({ id: 1 }),
  },
  {
    op: 'list_pipelines',
    input: { sort_by: 'add_time', sort_direction: 'desc', limit: 2 },
    method: 'GET',
    path: '/api/v2/pipelines',
    query: { sort_by: 'add_time', sort_direction: 'desc', limit: '2' },
    reply: page(
      [pipeline(3, { name: 'Partnerships', order_nr: 3 }), pipeline(1)],
      'eyJzb3J0QnkiOiJhZGRfdGltZSIsImlkIjoxfQ',
    ),
  },
];

export default cases;
