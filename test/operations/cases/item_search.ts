import { page } from '../../fixtures/entities.js';
import { foundDeal, foundLead, foundOrganization, itemSearchPage } from '../../fixtures/item_search.js';
import type { OperationCase } from '../harness.js';

const cases: OperationCase[] = [
  {
    op: 'search_item',
    input: {
      term: 'Acme',
      item_types: ['deal', 'organization', 'lead'],
      fields: ['title', 'name', 'notes'],
      search_for_related_items: true,
      exact_match: false,
      include_fields: ['deal.cc_email', 'product.price'],
      limit: 100,
      cursor: 'eyJpZCI6MTB9',
    },
    method: 'GET',
    path: '/api/v2/itemSearch',
    query: {
      term: 'Acme',
      item_types: 'deal,organization,lead',
      fields: 'title,name,notes',
      search_for_related_items: 'true',
      exact_match: 'false',
      include_fields: 'deal.cc_email,product.price',
      limit: '100',
      cursor: 'eyJpZCI6MTB9',
    },
    reply: itemSearchPage([foundDeal(), foundOrganization()], [foundLead(), foundDeal(102)], 'eyJpZCI6MjB9'),
  },
  {
    op: 'search_item_by_field',
    input: { term: 'Acm', entity_type: 'organization', field: 'name', match: 'beginning', limit: 200 },
    method: 'GET',
    path: '/api/v2/itemSearch/field',
    query: { term: 'Acm', entity_type: 'organization', field: 'name', match: 'beginning', limit: '200' },
    reply: page([
      { id: 301, name: 'Acme OÜ' },
      { id: 302, name: 'Acme Logistics AS' },
    ]),
  },
];

export default cases;
