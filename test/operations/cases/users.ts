import { ok, page } from '../../fixtures/entities.js';
import { follower } from '../../fixtures/followers.js';
import { currentUser, user } from '../../fixtures/users.js';
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
  {
    op: 'list_users',
    input: {},
    method: 'GET',
    path: '/v1/users',
    reply: ok([
      user(11),
      user(12, { name: 'Jaan Tamm', email: 'jaan.tamm@acme-sales.example', active_flag: false }),
    ]),
  },
  {
    op: 'get_current_user',
    input: {},
    method: 'GET',
    path: '/v1/users/me',
    reply: ok(currentUser()),
  },
  {
    op: 'get_user',
    input: { id: 12 },
    method: 'GET',
    path: '/v1/users/12',
    reply: ok(user(12, { name: 'Jaan Tamm' })),
  },
  {
    op: 'find_users',
    input: { term: 'kadri.kask@', search_by_email: 1 },
    method: 'GET',
    path: '/v1/users/find',
    query: { term: 'kadri.kask@', search_by_email: '1' },
    reply: ok([user(11)]),
  },
  {
    op: 'find_users',
    title: 'by name',
    input: { term: 'Tamm' },
    method: 'GET',
    path: '/v1/users/find',
    query: { term: 'Tamm' },
    reply: ok([]),
  },
];

export default cases;
