import { defineOperation } from '../../runtime/define.js';
import { followedAndFollower, removedFollower } from '../../schemas/followers.js';

export default defineOperation({
  name: 'delete_deal_follower',
  title: 'Delete deal follower',
  description: 'Removes a user from the followers of a deal.',
  resource: 'followers',
  method: 'DELETE',
  path: '/deals/{id}/followers/{follower_id}',
  scopes: ['deals:full'],
  tokenCost: 3,
  params: followedAndFollower('deal'),
  output: removedFollower,
  sample: { id: 1, follower_id: 1 },
});
