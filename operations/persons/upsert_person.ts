import { channelField, defineUpsert, plainField } from '../../runtime/upsert.js';
import add_person from './add_person.js';
import get_person from './get_person.js';
import search_persons from './search_persons.js';
import update_person from './update_person.js';

export default defineUpsert({
  name: 'upsert_person',
  title: 'Create or update person',
  description:
    'Finds the person whose `match_field` (e-mail, name, phone, or a custom field such as an external ID) is exactly `match_value`, and updates it with the fields given, or adds a person with them and the match value. `action` says `updated`, `found` (nothing to change) or `created`. Several matches: a `conflict` naming them, unless `on_multiple` chooses.',
  resource: 'persons',
  noun: 'person',
  search: search_persons,
  get: get_person,
  add: add_person,
  update: update_person,
  fields: {
    email: channelField('email', 'emails', true),
    phone: channelField('phone', 'phones'),
    name: plainField('name'),
  },
  fieldsLookup: 'person_fields',
  sample: { match_field: 'email', match_value: 'mari.tamm@example.com', name: 'Mari Tamm', job_title: 'CTO' },
});
