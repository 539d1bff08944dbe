import { defineOperation } from '../../runtime/define.js';
import { followedAndFollower, removedFollower } from '../../schemas/followers.js';

export default defineOperation({
  name: 'delete_person_follower',
  title: 'Delete person follower',
  description: 'Removes a user from the followers of a person.',
  resource: 'followers',
  method: 'DELETE',
  path: '/persons/{id}/followers/{follower_id}',
  scopes: ['contacts:full'],
  tokenCost: 3,
  params: followedAndFollower('person'),
  output: removedFollower,
  sample: { id: 1, follower_id: 1 },
});
