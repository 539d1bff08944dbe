import { defineOperation } from '../../runtime/define.js';
import { addedFollower, followed, followerBody } from '../../schemas/followers.js';

export default defineOperation({
  name: 'add_deal_follower',
  title: 'Add deal follower',
  description: 'Adds a user as a follower of a deal, so that they are notified of its updates.',
  resource: 'followers',
  method: 'POST',
  path: '/deals/{id}/followers',
  scopes: ['deals:full'],
  tokenCost: 5,
  params: followed('deal'),
  body: followerBody,
  output: addedFollower,
  sample: { id: 1, user_id: 1 },
});
