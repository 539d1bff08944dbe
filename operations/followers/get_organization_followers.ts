import { defineOperation } from '../../runtime/define.js';
import { followed, followerList } from '../../schemas/followers.js';

export default defineOperation({
  name: 'get_organization_followers',
  title: 'List organization followers',
  description: 'Lists the users who follow an organization, with the time each started following it.',
  resource: 'followers',
  method: 'GET',
  path: '/organizations/{id}/followers',
  scopes: ['contacts:read', 'contacts:full'],
  tokenCost: 10,
  params: followed('organization'),
  pagination: { maxLimit: 500 },
  output: followerList,
  sample: { id: 1, limit: 100 },
});
