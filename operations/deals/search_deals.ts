import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { csv, describe, id, labelled, optional, searchResult } from '../../schemas/common.js';
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
  query: {
    term: describe(z.string().min(1), 'The search term: at least 2 characters (1 with `exact_match`)'),
    ...optional({
      fields: csv(
        labelled({ custom_fields: 'Custom fields', notes: 'Notes', title: 'Title' }, 'A field to search'),
        'The fields to search (default: all). Searchable custom field types: address, varchar, text, varchar_auto, double, monetary and phone.',
      ),
      exact_match: describe(z.boolean(), 'Only full, case-insensitive matches of the term'),
      person_id: id('Only deals of this person (at most 2000 found)', 'Person'),
      organization_id: id('Only deals of this organization (at most 2000 found)', 'Organization'),
      status: labelled(
        { open: 'Open', won: 'Won', lost: 'Lost' },
        'Only deals with this status (at most 2000 found)',
      ),
      include_fields: csv(
        labelled({ 'deal.cc_email': 'Deal CC email' }, 'An optional field'),
        'Optional fields to include in the results',
      ),
    }),
  },
  pagination: { maxLimit: 500, items: 'data.items' },
  output: searchResult(dealSearchItem),
  sample: { term: 'Acme', fields: ['title'], status: 'open' },
});
