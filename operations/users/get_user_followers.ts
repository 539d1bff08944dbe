import { defineOperation } from '../../runtime/define.js';
import { followed, followerList } from '../../schemas/followers.js';

export default defineOperation({
  name: 'get_user_followers',
  title: 'List user followers',
  description: 'Lists the users who follow a user, with the time each started following them.',
  resource: 'users',
  method: 'GET',
  path: '/users/{id}/followers',
  scopes: ['users:read'],
  tokenCost: 10,
  params: followed('user'),
  pagination: { maxLimit: 500 },
  output: followerList,
  sample: { id: 1, limit: 100 },
});
