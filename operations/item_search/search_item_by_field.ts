import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { describe, labelled, list, optional, searchTerm } from '../../schemas/common.js';
import { fieldSearchHit } from '../../schemas/item_search.js';

export default defineOperation({
  name: 'search_item_by_field',
  title: 'Search by field value',
  description:
    'Searches the values of one field of deals, leads, persons, organizations, products or projects, e.g. for autocomplete; returns the matching records with their value of the field.',
  resource: 'item_search',
  method: 'GET',
  path: '/itemSearch/field',
  scopes: ['search:read'],
  tokenCost: 20,
  query: {
    term: searchTerm('`match` = `exact`'),
    entity_type: labelled(
      {
        deal: 'Deal',
        lead: 'Lead',
        person: 'Person',
        organization: 'Organization',
        product: 'Product',
        project: 'Project',
      },
      'The item type whose field is searched',
    ),
    field: describe(
      z.string().min(1),
      'The key of the field to search (from the dealFields, personFields, ... lists). Searchable custom field types: address, varchar, text, varchar_auto, double, monetary and phone.',
    ),
    ...optional({
      match: labelled(
        { exact: 'Exact', beginning: 'Beginning', middle: 'Middle' },
        'How the term must match, case-sensitively (default `exact`): `exact` the whole value, `beginning` the start of the value (e.g. `monk` finds `monkey`), `middle` any part of it (e.g. `onk`)',
      ),
    }),
  },
  pagination: { maxLimit: 500 },
  output: list(fieldSearchHit),
  sample: { term: 'Acme', entity_type: 'organization', field: 'name', match: 'beginning' },
});
