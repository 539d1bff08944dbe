import { defineOperation } from '../../runtime/define.js';
import {
  exactMatch,
  id,
  labelled,
  optional,
  searchFields,
  searchIncludes,
  searchResult,
  searchTerm,
} from '../../schemas/common.js';
import { dealSearchItem } from '../../schemas/deals.js';

export default defineOperation({
  name: 'search_deals',
  title: 'Search deals',
  description:
    'Searches deals by title, notes and/or custom fields, optionally within a person, organization or status.',
  resource: 'deals',
  method: 'GET',
  path: '/deals/search',
  scopes: ['deals:read', 'deals:full', 'search:read'],
  tokenCost: 20,
  query: {
    term: searchTerm(),
    ...optional({
      fields: searchFields({ custom_fields: 'Custom fields', notes: 'Notes', title: 'Title' }),
      exact_match: exactMatch(),
      person_id: id('Only deals of this person (at most 2000 found)', 'Person'),
      organization_id: id('Only deals of this organization (at most 2000 found)', 'Organization'),
      status: labelled(
        { open: 'Open', won: 'Won', lost: 'Lost' },
        'Only deals with this status (at most 2000 found)',
      ),
      include_fields: searchIncludes({ 'deal.cc_email': 'Deal CC email' }),
    }),
  },
  pagination: { maxLimit: 500, items: 'data.items' },
  output: searchResult(dealSearchItem),
  sample: { term: 'Acme', fields: ['title'], status: 'open' },
});
