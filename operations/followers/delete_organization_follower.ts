import { defineOperation } from '../../runtime/define.js';
import { followedAndFollower, removedFollower } from '../../schemas/followers.js';

export default defineOperation({
  name: 'delete_organization_follower',
  title: 'Delete organization follower',
  description: 'Removes a user from the followers of an organization.',
  resource: 'followers',
  method: 'DELETE',
  path: '/organizations/{id}/followers/{follower_id}',
  scopes: ['contacts:full'],
  tokenCost: 3,
  params: followedAndFollower('organization'),
  output: removedFollower,
  sample: { id: 1, follower_id: 1 },
});
