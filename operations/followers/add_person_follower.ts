import { defineOperation } from '../../runtime/define.js';
import { addedFollower, followed, followerBody } from '../../schemas/followers.js';

export default defineOperation({
  name: 'add_person_follower',
  title: 'Add person follower',
  description: 'Adds a user as a follower of a person, so that they are notified of its updates.',
  resource: 'followers',
  method: 'POST',
  path: '/persons/{id}/followers',
  scopes: ['contacts:full'],
  tokenCost: 5,
  params: followed('person'),
  body: followerBody,
  output: addedFollower,
  sample: { id: 1, user_id: 1 },
});
