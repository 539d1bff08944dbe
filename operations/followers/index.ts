import add_deal_follower from './add_deal_follower.js';
import add_organization_follower from './add_organization_follower.js';
import add_person_follower from './add_person_follower.js';
import add_product_follower from './add_product_follower.js';
import delete_deal_follower from './delete_deal_follower.js';
import delete_organization_follower from './delete_organization_follower.js';
import delete_person_follower from './delete_person_follower.js';
import delete_product_follower from './delete_product_follower.js';
import get_deal_followers from './get_deal_followers.js';
import get_deal_followers_changelog from './get_deal_followers_changelog.js';
import get_organization_followers from './get_organization_followers.js';
import get_organization_followers_changelog from './get_organization_followers_changelog.js';
import get_person_followers from './get_person_followers.js';
import get_person_followers_changelog from './get_person_followers_changelog.js';
import get_product_followers from './get_product_followers.js';
import get_product_followers_changelog from './get_product_followers_changelog.js';

/** The followers operations. */
export default [
  add_deal_follower,
  add_organization_follower,
  add_person_follower,
  add_product_follower,
  delete_deal_follower,
  delete_organization_follower,
  delete_person_follower,
  delete_product_follower,
  get_deal_followers,
  get_deal_followers_changelog,
  get_organization_followers,
  get_organization_followers_changelog,
  get_person_followers,
  get_person_followers_changelog,
  get_product_followers,
  get_product_followers_changelog,
];
