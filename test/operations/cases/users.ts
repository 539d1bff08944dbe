import { page } from '../../fixtures/entities.js';
import { follower } from '../../fixtures/followers.js';
import type { OperationCase } from '../harness.js';

const cases: OperationCase[] = [
  {
    op: 'get_user_followers',
    input: { id: 11, cursor: 'eyJpZCI6MTN9', limit: 50 },
    method: 'GET',
    path: '/api/v2/users/11/followers',
    query: { cursor: 'eyJpZCI6MTN9', limit: '50' },
    reply: page([follower(12), follower(14, { add_time: '2026-11-10T08:00:00Z' })]),
  },
];

export default cases;
