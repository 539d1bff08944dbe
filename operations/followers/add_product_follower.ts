import { defineOperation } from '../../runtime/define.js';
import { addedFollower, followed, followerBody } from '../../schemas/followers.js';

export default defineOperation({
  name: 'add_product_follower',
  title: 'Add product follower',
  description: 'Adds a user as a follower of a product, so that they are notified of its updates.',
  resource: 'followers',
  method: 'POST',
  path: '/products/{id}/followers',
  scopes: ['products:full'],
  tokenCost: 5,
  params: followed('product'),
  body: followerBody,
  output: addedFollower,
  sample: { id: 1, user_id: 1 },
});
