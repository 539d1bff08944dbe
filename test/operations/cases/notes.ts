import { ok } from '../../fixtures/entities.js';
import { LEAD_ID } from '../../fixtures/leads.js';
import { note } from '../../fixtures/notes.js';
import { pageV1 } from '../../fixtures/reference.js';
import type { OperationCase } from '../harness.js';

/** A full add_note input: a POST body is sent exactly as given. */
const newNote = {
  content: '<p>Call summary: <b>wants a 20-vehicle pilot</b> starting in March.</p>',
  lead_id: LEAD_ID,
  person_id: 204,
  org_id: 305,
  user_id: 11,
  add_time: '2026-11-18 14:03:27',
  pinned_to_lead_flag: 1,
  pinned_to_person_flag: 0,
};

const cases: OperationCase[] = [
  {
    op: 'list_notes',
    input: {
      deal_id: 101,
      user_id: 11,
      start_date: '2026-11-01',
      end_date: '2026-11-30',
      pinned_to_deal_flag: 1,
      sort: 'add_time DESC, id ASC',
      start: 0,
      limit: 100,
    },
    method: 'GET',
    path: '/v1/notes',
    query: {
      deal_id: '101',
      user_id: '11',
      start_date: '2026-11-01',
      end_date: '2026-11-30',
      pinned_to_deal_flag: '1',
      sort: 'add_time DESC, id ASC',
      start: '0',
      limit: '100',
    },
    reply: pageV1([note(801), note(802, { pinned_to_deal_flag: true })], 0, 100),
  },
  {
    op: 'list_notes',
    title: 'of a lead',
    input: { lead_id: LEAD_ID, pinned_to_lead_flag: 0 },
    method: 'GET',
    path: '/v1/notes',
    query: { lead_id: LEAD_ID, pinned_to_lead_flag: '0' },
    reply: pageV1([note(803, { lead_id: LEAD_ID, deal_id: null, deal: null })]),
  },
  {
    op: 'list_notes',
    title: 'all pages',
    input: { person_id: 201, return_all: true },
    method: 'GET',
    path: '/v1/notes',
    query: { person_id: '201', limit: '500' },
    reply: pageV1([note(801), note(805)]),
  },
  {
    op: 'get_note',
    input: { id: 801 },
    method: 'GET',
    path: '/v1/notes/801',
    reply: ok(note(801)),
  },
  {
    op: 'add_note',
    input: newNote,
    method: 'POST',
    path: '/v1/notes',
    body: newNote,
    reply: ok(
      note(804, {
        content: newNote.content,
        lead_id: LEAD_ID,
        deal_id: null,
        deal: null,
        person_id: 204,
        org_id: 305,
        pinned_to_lead_flag: true,
        pinned_to_deal_flag: false,
      }),
    ),
  },
  {
    op: 'update_note',
    input: { id: 801, content: '<p>Legal review done.</p>', pinned_to_deal_flag: 0 },
    method: 'PUT',
    path: '/v1/notes/801',
    body: { content: '<p>Legal review done.</p>', pinned_to_deal_flag: 0 },
    reply: ok(note(801, { content: '<p>Legal review done.</p>', pinned_to_deal_flag: false })),
  },
  {
    op: 'delete_note',
    input: { id: 801 },
    method: 'DELETE',
    path: '/v1/notes/801',
    reply: ok(true),
  },
];

export default cases;
