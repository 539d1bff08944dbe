import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import {
  csv,
  describe,
  exactMatch,
  labelled,
  optional,
  searchFields,
  searchIncludes,
  searchTerm,
} from '../../schemas/common.js';
import { itemSearchResult, itemTypes } from '../../schemas/item_search.js';

export default defineOperation({
  name: 'search_item',
  title: 'Search all items',
  description:
    'Searches deals, persons, organizations, products, leads, files, mail attachments and projects at once, optionally returning the deals, leads and persons related to the persons and organizations found.',
  resource: 'item_search',
  method: 'GET',
  path: '/itemSearch',
  scopes: ['search:read'],
  tokenCost: 20,
  query: {
    term: searchTerm(),
    ...optional({
      item_types: csv(labelled(itemTypes, 'An item type'), 'The item types to search (default: all)'),
      fields: searchFields(
        {
          address: 'Address',
          code: 'Code',
          custom_fields: 'Custom fields',
          email: 'Email',
          name: 'Name',
          notes: 'Notes',
          phone: 'Phone',
          title: 'Title',
          description: 'Description',
        },
        ' Deals and leads: custom_fields, notes, title. Persons: custom_fields, email, name, notes, phone. Organizations: address, custom_fields, name, notes. Products: code, custom_fields, name. Files and mail attachments: name. Projects: custom_fields, notes, title, description.',
      ),
      search_for_related_items: describe(
        z.boolean(),
        'Whether to also return, in `related_items`, up to 100 newest related leads and deals of each person and organization found, and up to 100 newest related persons of each organization found',
        'Search for related items',
      ),
      exact_match: exactMatch(),
      include_fields: searchIncludes({
        'deal.cc_email': 'Deal CC email',
        'person.picture': 'Person picture',
        'product.price': 'Product price',
      }),
    }),
  },
  pagination: { maxLimit: 100, items: 'data.items' },
  output: itemSearchResult,
  sample: { term: 'Acme', item_types: ['deal', 'organization'], limit: 20 },
});
