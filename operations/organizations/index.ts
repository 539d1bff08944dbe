import add_organization from './add_organization.js';
import delete_organization from './delete_organization.js';
import get_organization from './get_organization.js';
import list_organizations from './list_organizations.js';
import search_organization from './search_organization.js';
import update_organization from './update_organization.js';

/** The organizations operations. */
export default [
  add_organization,
  delete_organization,
  get_organization,
  list_organizations,
  search_organization,
  update_organization,
];
