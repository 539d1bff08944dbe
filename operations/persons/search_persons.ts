import { defineOperation } from '../../runtime/define.js';
import {
  exactMatch,
  id,
  optional,
  searchFields,
  searchIncludes,
  searchResult,
  searchTerm,
} from '../../schemas/common.js';
import { personSearchItem } from '../../schemas/persons.js';

export default defineOperation({
  name: 'search_persons',
  title: 'Search persons',
  description:
    'Searches persons by name, email, phone, notes and/or custom fields, optionally within one organization.',
  resource: 'persons',
  method: 'GET',
  path: '/persons/search',
  scopes: ['contacts:read', 'contacts:full', 'search:read'],
  tokenCost: 20,
  query: {
    term: searchTerm(),
    ...optional({
      fields: searchFields({
        name: 'Name',
        email: 'Email',
        phone: 'Phone',
        notes: 'Notes',
        custom_fields: 'Custom fields',
      }),
      exact_match: exactMatch(),
      organization_id: id('Only persons of this organization (at most 2000 found)', 'Organization'),
      include_fields: searchIncludes({ 'person.picture': 'Person picture' }),
    }),
  },
  pagination: { maxLimit: 500, items: 'data.items' },
  output: searchResult(personSearchItem),
  sample: { term: 'Tamm', fields: ['name', 'email'] },
});
