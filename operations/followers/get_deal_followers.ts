import { defineOperation } from '../../runtime/define.js';
import { followed, followerList } from '../../schemas/followers.js';

export default defineOperation({
  name: 'get_deal_followers',
  title: 'List deal followers',
  description: 'Lists the users who follow a deal, with the time each started following it.',
  resource: 'followers',
  method: 'GET',
  path: '/deals/{id}/followers',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 10,
  params: followed('deal'),
  pagination: { maxLimit: 500 },
  output: followerList,
  sample: { id: 1, limit: 100 },
});
