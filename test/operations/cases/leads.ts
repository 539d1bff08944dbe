import { hits, ok } from '../../fixtures/entities.js';
import { LEAD_CONVERSION_ID, LEAD_ID, leadSearchItem } from '../../fixtures/leads.js';
import type { OperationCase } from '../harness.js';

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
];

export default cases;
