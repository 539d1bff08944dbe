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
import { leadSearchItem } from '../../schemas/leads.js';

export default defineOperation({
  name: 'search_leads',
  title: 'Search leads',
  description:
    'Searches leads by title, notes and/or custom fields, optionally only those of a person or organization.',
  resource: 'leads',
  method: 'GET',
  path: '/leads/search',
  scopes: ['leads:read', 'leads:full', 'search:read'],
  tokenCost: 20,
  query: {
    term: searchTerm(),
    ...optional({
      fields: searchFields({ custom_fields: 'Custom fields', notes: 'Notes', title: 'Title' }),
      exact_match: exactMatch(),
      person_id: id('Only leads of this person (at most 2000 found)', 'Person'),
      organization_id: id('Only leads of this organization (at most 2000 found)', 'Organization'),
      include_fields: searchIncludes({ 'lead.was_seen': 'Lead was seen' }),
    }),
  },
  pagination: { maxLimit: 500, items: 'data.items' },
  output: searchResult(leadSearchItem),
  sample: { term: 'Acme', fields: ['title'], exact_match: false },
});
