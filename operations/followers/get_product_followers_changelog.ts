import { defineOperation } from '../../runtime/define.js';
import { followed, followerChangelog } from '../../schemas/followers.js';

export default defineOperation({
  name: 'get_product_followers_changelog',
  title: 'List product followers changelog',
  description:
    "Lists the changes to the product's followers: which follower was added or removed, by whom and when.",
  resource: 'followers',
  method: 'GET',
  path: '/products/{id}/followers/changelog',
  scopes: ['products:read', 'products:full'],
  tokenCost: 10,
  params: followed('product'),
  pagination: { maxLimit: 500 },
  output: followerChangelog,
  sample: { id: 1, limit: 100 },
});
