import { hits, ok, page } from '../../fixtures/entities.js';
import { person, personHit } from '../../fixtures/persons.js';
import type { OperationCase } from '../harness.js';

const newPerson = {
  name: 'Mari Tamm',
  owner_id: 11,
  org_id: 301,
  emails: [
    { value: 'mari.tamm@acme.example.ee', primary: true, label: 'work' },
    { value: 'mari@example.com', primary: false, label: 'home' },
  ],
  phones: [{ value: '+372 5123 4567', primary: true, label: 'mobile' }],
  visible_to: 3,
  label_ids: [5],
  marketing_status: 'subscribed',
  postal_address: { value: 'Rüütli 15, 51007 Tartu, Estonia', locality: 'Tartu', postal_code: '51007' },
  notes: 'Prefers email over calls',
  im: [{ value: 'mari.tamm', primary: true, label: 'skype' }],
  birthday: '1988-04-12',
  job_title: 'Procurement Manager',
  custom_fields: { '2f4e6a8c0b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a': 'Decision maker' },
};

const cases: OperationCase[] = [
  {
    op: 'add_person',
    input: newPerson,
    method: 'POST',
    path: '/api/v2/persons',
    body: newPerson,
    reply: ok(person(201, { marketing_status: 'subscribed' })),
  },
  {
    op: 'update_person',
    input: {
      id: 201,
      org_id: 302,
      job_title: 'Head of Procurement',
      phones: [{ value: '+372 600 1234', label: 'work' }],
    },
    method: 'PATCH',
    path: '/api/v2/persons/201',
    body: {
      org_id: 302,
      job_title: 'Head of Procurement',
      phones: [{ value: '+372 600 1234', label: 'work' }],
    },
    reply: ok(person(201, { org_id: 302, job_title: 'Head of Procurement' })),
  },
  {
    op: 'get_person',
    input: { id: 201, include_fields: ['open_deals_count', 'marketing_status'], include_option_labels: true },
    method: 'GET',
    path: '/api/v2/persons/201',
    query: { include_fields: 'open_deals_count,marketing_status', include_option_labels: 'true' },
    reply: ok(person(201, { open_deals_count: 1, marketing_status: 'no_consent' })),
  },
  {
    op: 'delete_person',
    input: { id: 201 },
    method: 'DELETE',
    path: '/api/v2/persons/201',
    reply: ok({ id: 201 }),
  },
  {
    op: 'list_persons',
    input: {
      org_id: 301,
      deal_id: 101,
      updated_until: '2026-12-01T00:00:00+02:00',
      sort_by: 'update_time',
      include_fields: ['participant_open_deals_count', 'last_incoming_mail_time'],
      include_labels: true,
      cursor: 'eyJpZCI6MjAxfQ',
    },
    method: 'GET',
    path: '/api/v2/persons',
    query: {
      org_id: '301',
      deal_id: '101',
      updated_until: '2026-12-01T00:00:00+02:00',
      sort_by: 'update_time',
      include_fields: 'participant_open_deals_count,last_incoming_mail_time',
      include_labels: 'true',
      cursor: 'eyJpZCI6MjAxfQ',
    },
    reply: page(
      [person(201), person(202, { name: 'Jaan Kask', first_name: 'Jaan', last_name: 'Kask' })],
      'eyJpZCI6MjAyfQ',
    ),
  },
  {
    op: 'search_persons',
    input: {
      term: 'mari.tamm@acme.example.ee',
      fields: ['email'],
      exact_match: true,
      organization_id: 301,
      include_fields: ['person.picture'],
    },
    method: 'GET',
    path: '/api/v2/persons/search',
    query: {
      term: 'mari.tamm@acme.example.ee',
      fields: 'email',
      exact_match: 'true',
      organization_id: '301',
      include_fields: 'person.picture',
    },
    reply: hits([personHit()]),
  },
];

export default cases;
