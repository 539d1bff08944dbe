import { deal, hits, ok, page } from '../../fixtures/entities.js';
import { foundDeal } from '../../fixtures/item_search.js';
import type { OperationCase } from '../harness.js';

/** A full add_deal input: a POST body is sent exactly as given. */
const newDeal = {
  title: 'Acme renewal 2026',
  value: 12000,
  currency: 'EUR',
  person_id: 201,
  org_id: 301,
  stage_id: 2,
  visible_to: 3,
  expected_close_date: '2026-12-31',
  label_ids: [4],
  custom_fields: { '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a': 'Enterprise' },
};

const CONVERSION = '4b40248b-945a-4802-b996-60fdff8c5c69';

const cases: OperationCase[] = [
  {
    op: 'add_deal',
    input: newDeal,
    method: 'POST',
    path: '/api/v2/deals',
    body: newDeal,
    reply: ok(deal()),
  },
  {
    op: 'update_deal',
    input: { id: 101, status: 'lost', lost_reason: 'Budget cut', probability: null },
    method: 'PATCH',
    path: '/api/v2/deals/101',
    body: { status: 'lost', lost_reason: 'Budget cut', probability: null },
    reply: ok(deal(101, { status: 'lost', lost_reason: 'Budget cut' })),
  },
  {
    op: 'get_deal',
    input: { id: 101, include_fields: ['products_count', 'next_activity_id'], include_option_labels: true },
    method: 'GET',
    path: '/api/v2/deals/101',
    query: { include_fields: 'products_count,next_activity_id', include_option_labels: 'true' },
    reply: ok(deal(101, { products_count: 2, next_activity_id: 501 })),
  },
  {
    op: 'delete_deal',
    input: { id: 101 },
    method: 'DELETE',
    path: '/api/v2/deals/101',
    reply: ok({ id: 101 }),
  },
  {
    op: 'list_deals',
    input: {
      owner_id: 11,
      pipeline_id: 1,
      status: ['open', 'won'],
      updated_since: '2026-11-01T00:00:00Z',
      sort_by: 'update_time',
      sort_direction: 'desc',
      custom_fields: ['5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a'],
      limit: 500,
    },
    method: 'GET',
    path: '/api/v2/deals',
    query: {
      owner_id: '11',
      pipeline_id: '1',
      status: 'open,won',
      updated_since: '2026-11-01T00:00:00Z',
      sort_by: 'update_time',
      sort_direction: 'desc',
      custom_fields: '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a',
      limit: '500',
    },
    reply: page([deal(101), deal(102)], null),
  },
  {
    op: 'list_archived_deals',
    input: { org_id: 301, filter_id: 7 },
    method: 'GET',
    path: '/api/v2/deals/archived',
    query: { org_id: '301', filter_id: '7' },
    reply: page([deal(103, { is_archived: true, archive_time: '2026-06-01T00:00:00Z' })]),
  },
  {
    op: 'search_deals',
    input: {
      term: 'Acme',
      fields: ['title', 'notes'],
      exact_match: false,
      status: 'open',
      organization_id: 301,
    },
    method: 'GET',
    path: '/api/v2/deals/search',
    query: {
      term: 'Acme',
      fields: 'title,notes',
      exact_match: 'false',
      status: 'open',
      organization_id: '301',
    },
    reply: hits([foundDeal(101)]),
  },
  {
    op: 'convert_deal_to_lead',
    input: { id: 101 },
    method: 'POST',
    path: '/api/v2/deals/101/convert/lead',
    reply: ok({ conversion_id: CONVERSION }, null),
  },
  {
    op: 'get_deal_conversion_status',
    input: { id: 101, conversion_id: CONVERSION },
    method: 'GET',
    path: `/api/v2/deals/101/convert/status/${CONVERSION}`,
    reply: ok(
      { conversion_id: CONVERSION, status: 'completed', lead_id: '9f3e6e50-9d99-11ee-9538-29c81a92c0d1' },
      null,
    ),
  },
];

export default cases;
