import { defineOperation } from '../../runtime/define.js';
import { followed, followerList } from '../../schemas/followers.js';

export default defineOperation({
  name: 'get_product_followers',
  title: 'List product followers',
  description: 'Lists the users who follow a product, with the time each started following it.',
  resource: 'followers',
  method: 'GET',
  path: '/products/{id}/followers',
  scopes: ['products:read', 'products:full'],
  tokenCost: 10,
  params: followed('product'),
  pagination: { maxLimit: 500 },
  output: followerList,
  sample: { id: 1, limit: 100 },
});
