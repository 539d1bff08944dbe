import { hits, ok } from '../../fixtures/entities.js';
import {
  LEAD_CONVERSION_ID,
  LEAD_ID,
  LEAD_LABEL_HOT,
  LEAD_LABEL_TRADE_FAIR,
  lead,
  leadLabel,
  leadSearchItem,
} from '../../fixtures/leads.js';
import { pageV1 } from '../../fixtures/reference.js';
import type { OperationCase } from '../harness.js';

/** A full add_lead input: a POST body is sent exactly as given. */
const newLead = {
  title: 'Nordlicht GmbH – fleet tracking pilot',
  owner_id: 11,
  label_ids: [LEAD_LABEL_HOT, LEAD_LABEL_TRADE_FAIR],
  person_id: 204,
  organization_id: 305,
  value: { amount: 8500, currency: 'EUR' },
  expected_close_date: '2026-09-30',
  visible_to: '3',
  was_seen: false,
  origin_id: 'logimat-2026-import',
  channel: 7,
  channel_id: 'LogiMAT 2026 booth',
};

const cases: OperationCase[] = [
  {
    op: 'convert_lead_to_deal',
    input: { id: LEAD_ID, stage_id: 3, pipeline_id: 1 },
    method: 'POST',
    path: `/api/v2/leads/${LEAD_ID}/convert/deal`,
    body: { stage_id: 3, pipeline_id: 1 },
    reply: ok({ conversion_id: LEAD_CONVERSION_ID }, null),
  },
  {
    op: 'convert_lead_to_deal',
    title: 'default stage',
    input: { id: LEAD_ID },
    method: 'POST',
    path: `/api/v2/leads/${LEAD_ID}/convert/deal`,
    body: {},
    reply: ok({ conversion_id: LEAD_CONVERSION_ID }, null),
  },
  {
    op: 'get_lead_conversion_status',
    input: { id: LEAD_ID, conversion_id: LEAD_CONVERSION_ID },
    method: 'GET',
    path: `/api/v2/leads/${LEAD_ID}/convert/status/${LEAD_CONVERSION_ID}`,
    reply: ok({ conversion_id: LEAD_CONVERSION_ID, status: 'completed', deal_id: 118 }, null),
  },
  {
    op: 'search_leads',
    input: {
      term: 'Nordlicht',
      fields: ['title', 'notes', 'custom_fields'],
      exact_match: true,
      person_id: 204,
      organization_id: 305,
      include_fields: ['lead.was_seen'],
      limit: 50,
    },
    method: 'GET',
    path: '/api/v2/leads/search',
    query: {
      term: 'Nordlicht',
      fields: 'title,notes,custom_fields',
      exact_match: 'true',
      person_id: '204',
      organization_id: '305',
      include_fields: 'lead.was_seen',
      limit: '50',
    },
    reply: hits([leadSearchItem(LEAD_ID, { was_seen: true })], 'eyJpZCI6Mn0'),
  },
  {
    op: 'list_leads',
    input: { owner_id: 11, person_id: 204, organization_id: 305, sort: 'update_time', start: 100, limit: 50 },
    method: 'GET',
    path: '/v1/leads',
    query: {
      owner_id: '11',
      person_id: '204',
      organization_id: '305',
      sort: 'update_time',
      start: '100',
      limit: '50',
    },
    reply: pageV1([lead(), lead('8d2a6b31-4b3e-11f0-9a61-2b7d04e8c3f1', { was_seen: false })], 100, 150),
  },
  {
    op: 'list_leads',
    title: 'saved filter',
    input: { filter_id: 42 },
    method: 'GET',
    path: '/v1/leads',
    query: { filter_id: '42' },
    reply: pageV1([lead()]),
  },
  {
    op: 'get_lead',
    input: { id: LEAD_ID },
    method: 'GET',
    path: `/v1/leads/${LEAD_ID}`,
    reply: ok(lead(LEAD_ID, { '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a': 41 })),
  },
  {
    op: 'add_lead',
    input: newLead,
    method: 'POST',
    path: '/v1/leads',
    body: newLead,
    reply: ok(lead(LEAD_ID, { ...newLead, label_ids: newLead.label_ids })),
  },
  {
    op: 'update_lead',
    input: {
      id: LEAD_ID,
      title: 'Nordlicht – 40 vehicles',
      value: null,
      organization_id: null,
      is_archived: true,
    },
    method: 'PATCH',
    path: `/v1/leads/${LEAD_ID}`,
    body: { title: 'Nordlicht – 40 vehicles', value: null, organization_id: null, is_archived: true },
    reply: ok(
      lead(LEAD_ID, {
        title: 'Nordlicht – 40 vehicles',
        value: null,
        organization_id: null,
        is_archived: true,
      }),
    ),
  },
  {
    op: 'delete_lead',
    input: { id: LEAD_ID },
    method: 'DELETE',
    path: `/v1/leads/${LEAD_ID}`,
    reply: ok({ id: LEAD_ID }),
  },
  {
    op: 'list_lead_labels',
    input: {},
    method: 'GET',
    path: '/v1/leadLabels',
    reply: ok([
      leadLabel(LEAD_LABEL_HOT, 'Hot', 'red'),
      leadLabel(LEAD_LABEL_TRADE_FAIR, 'Trade fair 2026', 'purple'),
    ]),
  },
  {
    op: 'list_lead_sources',
    input: {},
    method: 'GET',
    path: '/v1/leadSources',
    reply: ok([{ name: 'API' }, { name: 'Web forms' }, { name: 'Import' }]),
  },
];

export default cases;
