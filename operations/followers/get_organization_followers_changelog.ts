import { defineOperation } from '../../runtime/define.js';
import { followed, followerChangelog } from '../../schemas/followers.js';

export default defineOperation({
  name: 'get_organization_followers_changelog',
  title: 'List organization followers changelog',
  description:
    "Lists the changes to the organization's followers: which follower was added or removed, by whom and when.",
  resource: 'followers',
  method: 'GET',
  path: '/organizations/{id}/followers/changelog',
  scopes: ['contacts:read', 'contacts:full'],
  tokenCost: 10,
  params: followed('organization'),
  pagination: { maxLimit: 500 },
  output: followerChangelog,
  sample: { id: 1, limit: 100 },
});
