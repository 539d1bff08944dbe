import { ok, page } from '../../fixtures/entities.js';
import { stage } from '../../fixtures/stages.js';
import type { OperationCase } from '../harness.js';

const cases: OperationCase[] = [
  {
    op: 'add_stage',
    input: {
      name: 'Proposal sent',
      pipeline_id: 1,
      deal_probability: 60,
      is_deal_rot_enabled: true,
      days_to_rotten: 14,
    },
    method: 'POST',
    path: '/api/v2/stages',
    body: {
      name: 'Proposal sent',
      pipeline_id: 1,
      deal_probability: 60,
      is_deal_rot_enabled: true,
      days_to_rotten: 14,
    },
    reply: ok(stage()),
  },
  {
    op: 'update_stage',
    input: { id: 2, pipeline_id: 3, is_deal_rot_enabled: false, days_to_rotten: null },
    method: 'PATCH',
    path: '/api/v2/stages/2',
    body: { pipeline_id: 3, is_deal_rot_enabled: false, days_to_rotten: null },
    reply: ok(stage(2, { pipeline_id: 3, is_deal_rot_enabled: false, days_to_rotten: null })),
  },
  {
    op: 'get_stage',
    input: { id: 2 },
    method: 'GET',
    path: '/api/v2/stages/2',
    reply: ok(stage()),
  },
  {
    op: 'delete_stage',
    input: { id: 2 },
    method: 'DELETE',
    path: '/api/v2/stages/2',
    reply: ok({ id: 2 }),
  },
  {
    op: 'list_stages',
    input: { pipeline_id: 1, sort_by: 'order_nr', sort_direction: 'asc', limit: 500 },
    method: 'GET',
    path: '/api/v2/stages',
    query: { pipeline_id: '1', sort_by: 'order_nr', sort_direction: 'asc', limit: '500' },
    reply: page([
      stage(1, { name: 'Qualified', order_nr: 1, deal_probability: 20 }),
      stage(2),
      stage(4, {
        name: 'Negotiation',
        order_nr: 4,
        deal_probability: 80,
        is_deal_rot_enabled: false,
        days_to_rotten: null,
      }),
    ]),
  },
];

export default cases;
