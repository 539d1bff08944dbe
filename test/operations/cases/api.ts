import { ok } from '../../fixtures/entities.js';
import { user } from '../../fixtures/users.js';
import type { OperationCase } from '../harness.js';

const cases: OperationCase[] = [
  {
    op: 'api_request',
    input: {
      method: 'POST',
      path: '/v1/notes',
      query: { pinned: true, ids: [1, 2] },
      body: { content: 'Call back on Monday', deal_id: 101 },
    },
    method: 'POST',
    path: '/v1/notes',
    query: { pinned: 'true', ids: '1,2' },
    body: { content: 'Call back on Monday', deal_id: 101 },
    reply: ok({ id: 9001, content: 'Call back on Monday', deal_id: 101 }),
  },
  {
    op: 'api_request',
    title: 'GET on API v2',
    input: { method: 'GET', path: '/api/v2/users/11/followers', query: { limit: 5 } },
    method: 'GET',
    path: '/api/v2/users/11/followers',
    query: { limit: '5' },
    reply: ok([user(12)], { next_cursor: null }),
  },
];

export default cases;
