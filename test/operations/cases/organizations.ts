import { hits, ok, page } from '../../fixtures/entities.js';
import { organization, organizationHit } from '../../fixtures/organizations.js';
import type { OperationCase } from '../harness.js';

const REGION = '8c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d';

const address = {
  value: 'Tartu mnt 2, 10145 Tallinn, Estonia',
  country: 'Estonia',
  admin_area_level_1: 'Harju maakond',
  locality: 'Tallinn',
  sublocality: 'Kesklinn',
  route: 'Tartu mnt',
  street_number: '2',
  subpremise: 'Office 4',
  postal_code: '10145',
};

const newOrganization = {
  name: 'Acme OÜ',
  owner_id: 11,
  visible_to: 3,
  label_ids: [7],
  address,
  website: 'https://acme.example.ee',
  linkedin: 'https://www.linkedin.com/company/acme-ou',
  industry: 12,
  annual_revenue: 2500000,
  employee_count: 45,
  custom_fields: { [REGION]: 'Baltics' },
};

const cases: OperationCase[] = [
  {
    op: 'add_organization',
    input: newOrganization,
    method: 'POST',
    path: '/api/v2/organizations',
    body: newOrganization,
    reply: ok(organization(301, { industry: 12 })),
  },
  {
    op: 'update_organization',
    input: { id: 301, name: 'Acme Baltics OÜ', website: null, address: { locality: 'Tartu' } },
    method: 'PATCH',
    path: '/api/v2/organizations/301',
    body: { name: 'Acme Baltics OÜ', website: null, address: { locality: 'Tartu' } },
    reply: ok(organization(301, { name: 'Acme Baltics OÜ', website: null })),
  },
  {
    op: 'get_organization',
    input: {
      id: 301,
      include_fields: ['people_count', 'open_deals_count'],
      custom_fields: [REGION],
      include_labels: true,
    },
    method: 'GET',
    path: '/api/v2/organizations/301',
    query: { include_fields: 'people_count,open_deals_count', custom_fields: REGION, include_labels: 'true' },
    reply: ok(organization(301, { people_count: 4, open_deals_count: 2 })),
  },
  {
    op: 'delete_organization',
    input: { id: 301 },
    method: 'DELETE',
    path: '/api/v2/organizations/301',
    reply: ok({ id: 301 }),
  },
  {
    op: 'list_organizations',
    input: {
      owner_id: 11,
      ids: [301, 302],
      updated_since: '2026-11-01T00:00:00Z',
      sort_by: 'add_time',
      sort_direction: 'desc',
      include_fields: ['won_deals_count'],
      include_option_labels: false,
      limit: 200,
    },
    method: 'GET',
    path: '/api/v2/organizations',
    query: {
      owner_id: '11',
      ids: '301,302',
      updated_since: '2026-11-01T00:00:00Z',
      sort_by: 'add_time',
      sort_direction: 'desc',
      include_fields: 'won_deals_count',
      include_option_labels: 'false',
      limit: '200',
    },
    reply: page([organization(301), organization(302, { name: 'Globex AS' })]),
  },
  {
    op: 'search_organization',
    input: { term: 'Acme', fields: ['name', 'notes'], exact_match: true, limit: 20 },
    method: 'GET',
    path: '/api/v2/organizations/search',
    query: { term: 'Acme', fields: 'name,notes', exact_match: 'true', limit: '20' },
    reply: hits([organizationHit()]),
  },
];

export default cases;
