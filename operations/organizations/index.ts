import add_organization from './add_organization.js';
import add_organization_relationship from './add_organization_relationship.js';
import delete_organization from './delete_organization.js';
import delete_organization_relationship from './delete_organization_relationship.js';
import get_organization from './get_organization.js';
import get_organization_changelog from './get_organization_changelog.js';
import get_organization_mail_messages from './get_organization_mail_messages.js';
import get_organization_permitted_users from './get_organization_permitted_users.js';
import get_organization_relationship from './get_organization_relationship.js';
import get_organization_updates from './get_organization_updates.js';
import list_organization_relationships from './list_organization_relationships.js';
import list_organizations from './list_organizations.js';
import merge_organizations from './merge_organizations.js';
import search_organization from './search_organization.js';
import update_organization from './update_organization.js';
import update_organization_relationship from './update_organization_relationship.js';

/** The organizations operations. */
export default [
  add_organization,
  add_organization_relationship,
  delete_organization,
  delete_organization_relationship,
  get_organization,
  get_organization_changelog,
  get_organization_mail_messages,
  get_organization_permitted_users,
  get_organization_relationship,
  get_organization_updates,
  list_organization_relationships,
  list_organizations,
  merge_organizations,
  search_organization,
  update_organization,
  update_organization_relationship,
];
