import { defineOperation } from '../../runtime/define.js';
import { followed, followerChangelog } from '../../schemas/followers.js';

export default defineOperation({
  name: 'get_person_followers_changelog',
  title: 'List person followers changelog',
  description:
    "Lists the changes to the person's followers: which follower was added or removed, by whom and when.",
  resource: 'followers',
  method: 'GET',
  path: '/persons/{id}/followers/changelog',
  scopes: ['contacts:read', 'contacts:full'],
  tokenCost: 10,
  params: followed('person'),
  pagination: { maxLimit: 500 },
  output: followerChangelog,
  sample: { id: 1, limit: 100 },
});
