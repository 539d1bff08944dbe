import add_person from './add_person.js';
import delete_person from './delete_person.js';
import get_person from './get_person.js';
import get_person_changelog from './get_person_changelog.js';
import get_person_mail_messages from './get_person_mail_messages.js';
import get_person_permitted_users from './get_person_permitted_users.js';
import get_person_products from './get_person_products.js';
import get_person_updates from './get_person_updates.js';
import list_persons from './list_persons.js';
import merge_persons from './merge_persons.js';
import search_persons from './search_persons.js';
import update_person from './update_person.js';

/** The persons operations. */
export default [
  add_person,
  delete_person,
  get_person,
  get_person_changelog,
  get_person_mail_messages,
  get_person_permitted_users,
  get_person_products,
  get_person_updates,
  list_persons,
  merge_persons,
  search_persons,
  update_person,
];
