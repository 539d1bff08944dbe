import { defineOperation } from '../../runtime/define.js';
import { followedAndFollower, removedFollower } from '../../schemas/followers.js';

export default defineOperation({
  name: 'delete_product_follower',
  title: 'Delete product follower',
  description: 'Removes a user from the followers of a product.',
  resource: 'followers',
  method: 'DELETE',
  path: '/products/{id}/followers/{follower_id}',
  scopes: ['products:full'],
  tokenCost: 3,
  params: followedAndFollower('product'),
  output: removedFollower,
  sample: { id: 1, follower_id: 1 },
});
