import { defineOperation } from '../../runtime/define.js';
import { addedFollower, followed, followerBody } from '../../schemas/followers.js';

export default defineOperation({
  name: 'add_organization_follower',
  title: 'Add organization follower',
  description: 'Adds a user as a follower of an organization, so that they are notified of its updates.',
  resource: 'followers',
  method: 'POST',
  path: '/organizations/{id}/followers',
  scopes: ['contacts:full'],
  tokenCost: 5,
  params: followed('organization'),
  body: followerBody,
  output: addedFollower,
  sample: { id: 1, user_id: 1 },
});
