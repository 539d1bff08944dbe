import { defineOperation } from '../../runtime/define.js';
import { followed, followerChangelog } from '../../schemas/followers.js';

export default defineOperation({
  name: 'get_deal_followers_changelog',
  title: 'List deal followers changelog',
  description:
    "Lists the changes to the deal's followers: which follower was added or removed, by whom and when.",
  resource: 'followers',
  method: 'GET',
  path: '/deals/{id}/followers/changelog',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 10,
  params: followed('deal'),
  pagination: { maxLimit: 500 },
  output: followerChangelog,
  sample: { id: 1, limit: 100 },
});
