import { channelField, defineUpsert } from '../../runtime/upsert.js';
import add_person from './add_person.js';
import get_person from './get_person.js';
import search_persons from './search_persons.js';

export default defineUpsert({
  name: 'find_or_create_person',
  title: 'Find or create person',
  description:
    'Finds the person with this e-mail address (exactly, ignoring case), or adds one with it and the fields given. A person found is returned as it is; `action` says `found` or `created`. Several persons with the address: a `conflict` naming them, unless `on_multiple` chooses. Concurrent calls for one address add one person.',
  resource: 'persons',
  noun: 'person',
  search: search_persons,
  get: get_person,
  add: add_person,
  fixed: 'email',
  fields: { email: channelField('email', 'emails', true) },
  sample: { email: 'mari.tamm@example.com', name: 'Mari Tamm', org_id: 1 },
});
