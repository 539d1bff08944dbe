import { z } from 'zod';
import { describe, id, list, record, single } from './common.js';

/** The records users can follow (deals, organizations, persons and products; users follow users). */
export type Followed = 'deal' | 'organization' | 'person' | 'product' | 'user';

const titles: Record<Followed, string> = {
  deal: 'Deal',
  organization: 'Organization',
  person: 'Person',
  product: 'Product',
  user: 'User',
};

/** The `{id}` path parameter of a followers endpoint: the followed record. */
export const followed = (entity: Followed) => ({ id: id(`The ID of the ${entity}`, titles[entity]) });

/** The `{id}` and `{follower_id}` path parameters of delete_*_follower. */
export const followedAndFollower = (entity: Followed) => ({
  ...followed(entity),
  follower_id: id('The ID of the user who follows the record (the follower to remove)', 'Follower'),
});

/** Body of add_*_follower (one model, AddDealFollowerRequest, for every entity). */
export const followerBody = {
  user_id: id('The ID of the user to add as a follower', 'User'),
};

/** A follower as Pipedrive returns it. */
export const follower = record({
  user_id: describe(z.int(), 'The ID of the user following the record'),
  add_time: describe(z.string(), 'When the user started following the record'),
});

/** One entry of a followers changelog. */
export const followerChange = record({
  action: describe(z.string(), 'The type of change, e.g. `added` or `removed`'),
  actor_user_id: describe(z.int(), 'The ID of the user who made the change'),
  follower_user_id: describe(z.int(), 'The ID of the user who started or stopped following the record'),
  time: describe(z.string(), 'When the change happened'),
});

/** Output of add_*_follower. */
export const addedFollower = single(follower);

/** Output of delete_*_follower: `{ success, data: { user_id } }`. */
export const removedFollower = single(
  record({ user_id: describe(z.int(), 'The ID of the user who no longer follows the record') }),
);

/** Output of get_*_followers. */
export const followerList = list(follower);

/** Output of get_*_followers_changelog. */
export const followerChangelog = list(followerChange);
