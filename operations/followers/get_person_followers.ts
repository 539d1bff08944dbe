import { defineOperation } from '../../runtime/define.js';
import { followed, followerList } from '../../schemas/followers.js';

export default defineOperation({
  name: 'get_person_followers',
  title: 'List person followers',
  description: 'Lists the users who follow a person, with the time each started following it.',
  resource: 'followers',
  method: 'GET',
  path: '/persons/{id}/followers',
  scopes: ['contacts:read', 'contacts:full'],
  tokenCost: 10,
  params: followed('person'),
  pagination: { maxLimit: 500 },
  output: followerList,
  sample: { id: 1, limit: 100 },
});
