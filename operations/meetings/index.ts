import add_user_provider_link from './add_user_provider_link.js';
import delete_user_provider_link from './delete_user_provider_link.js';

/** The meeting operations: video calling apps' links between their users and Pipedrive's. */
export default [add_user_provider_link, delete_user_provider_link];
