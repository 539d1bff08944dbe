import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildConnectorManifest } from '../../connector.js';
import connector from '../../index.js';
import { lookups } from '../../operations/lookups.js';
import list_project_boards from '../../operations/project_boards/list_project_boards.js';
import list_project_phases from '../../operations/project_phases/list_project_phases.js';
import type { ConnectorError } from '../../runtime/errors.js';
import { type JsonSchema, toJsonSchema } from '../../runtime/json-schema.js';
import { defineLookup, type LookupPage, withLookups } from '../../runtime/lookup.js';
import {
  CALL_LOG_ID,
  COMMENT_ID,
  callLog,
  mailThread,
  noteComment,
  PERMISSION_SET_SALES,
  permissionSet,
  role,
  webhook,
  webhookOk,
} from '../fixtures/account.js';
import { deal, hits, ok, page } from '../fixtures/entities.js';
import { enumField, monetaryField } from '../fixtures/fields.js';
import { fileRecord } from '../fixtures/files.js';
import { LEAD_ID, lead, leadLabel, leadSearchItem } from '../fixtures/leads.js';
import { note } from '../fixtures/notes.js';
import { organization, organizationHit } from '../fixtures/organizations.js';
import { person, personHit } from '../fixtures/persons.js';
import { pipeline } from '../fixtures/pipelines.js';
import { product, productSearchItem } from '../fixtures/products.js';
import { board, phase, project, projectSearchItem, projectTemplate, task } from '../fixtures/projects.js';
import { goal, goalsOk, participant, relationship } from '../fixtures/records.js';
import { activityType, currency, filter, pageV1 } from '../fixtures/reference.js';
import { stage } from '../fixtures/stages.js';
import { user } from '../fixtures/users.js';
import { API, TOKEN, tokenCtx } from '../helpers/context.js';

/** Pipedrive on nock, answering only requests with the connection's API token. */
const pd = () => nock(API, { reqheaders: { 'x-api-token': TOKEN } });

const lookup = (name: string, input: Record<string, unknown> = {}) =>
  connector.lookup(name, input, tokenCtx());

const refusal = (name: string, input: Record<string, unknown>) =>
  lookup(name, input).then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error as ConnectorError,
  );

const LEAD_2 = '8d2a6b31-4b3e-11f0-9a61-2b7d04e8c3f1';

describe('small lists: read whole, filtered by the search, paged with an offset cursor', () => {
  const users = ok([
    user(11),
    user(12, { name: 'Jaan Tamm', email: 'jaan.tamm@acme-sales.example' }),
    user(13, { name: 'Liis Tamm', email: 'liis@acme-sales.example' }),
  ]);

  it('users: "name (email)", case-insensitive search, every page of the matches', async () => {
    const scope = pd().get('/v1/users').times(2).reply(200, users);
    const first = await lookup('users', { search: 'TAMM', limit: 1 });
    expect(first.options).toEqual([{ value: 12, label: 'Jaan Tamm (jaan.tamm@acme-sales.example)' }]);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await lookup('users', { search: 'TAMM', limit: 1, cursor: first.next_cursor });
    expect(second).toEqual({
      options: [{ value: 13, label: 'Liis Tamm (liis@acme-sales.example)' }],
      next_cursor: null,
    });
    scope.done();
  });

  it('users: without a search, all of them', async () => {
    const scope = pd().get('/v1/users').reply(200, users);
    expect((await lookup('users')).options.map((o) => o.value)).toEqual([11, 12, 13]);
    scope.done();
  });

  it('pipelines: follows every page of the list (never the first page only)', async () => {
    const scope = pd()
      .get('/api/v2/pipelines')
      .query({ limit: '500' })
      .reply(200, page([pipeline(1)], 'cur-2'))
      .get('/api/v2/pipelines')
      .query({ cursor: 'cur-2', limit: '500' })
      .reply(200, page([pipeline(2, { name: 'Partner sales' })]));
    expect(await lookup('pipelines', { search: 'sales' })).toEqual({
      options: [
        { value: 1, label: 'Enterprise sales' },
        { value: 2, label: 'Partner sales' },
      ],
      next_cursor: null,
    });
    scope.done();
  });

  it('stages: depends on pipeline_id (a string from a form is fine), labelled "Stage (Pipeline)"', async () => {
    const scope = pd()
      .get('/api/v2/pipelines')
      .query({ limit: '500' })
      .reply(200, page([pipeline(1), pipeline(2, { name: 'Partner sales' })]))
      .get('/api/v2/stages')
      .query({ pipeline_id: '2', sort_by: 'order_nr', limit: '500' })
      .reply(
        200,
        page([
          stage(7, { name: 'Qualified', pipeline_id: 2 }),
          stage(8, { name: 'Proposal', pipeline_id: 2 }),
        ]),
      );
    expect(await lookup('stages', { pipeline_id: '2', search: 'prop' })).toEqual({
      options: [{ value: 8, label: 'Proposal (Partner sales)' }],
      next_cursor: null,
    });
    scope.done();
  });

  it('stages: all pipelines without pipeline_id', async () => {
    const scope = pd()
      .get('/api/v2/pipelines')
      .query({ limit: '500' })
      .reply(200, page([pipeline(1)]))
      .get('/api/v2/stages')
      .query({ sort_by: 'order_nr', limit: '500' })
      .reply(200, page([stage(2), stage(9, { name: 'Lost cause', pipeline_id: 5 })]));
    expect((await lookup('stages')).options).toEqual([
      { value: 2, label: 'Proposal sent (Enterprise sales)' },
      { value: 9, label: 'Lost cause' },
    ]);
    scope.done();
  });

  it('activity_types: valued by key_string', async () => {
    const scope = pd()
      .get('/v1/activityTypes')
      .reply(200, ok([activityType(1, 'Call', 'call', 1), activityType(2, 'Meeting', 'meeting', 2)]));
    expect(await lookup('activity_types', { search: 'meet' })).toEqual({
      options: [{ value: 'meeting', label: 'Meeting' }],
      next_cursor: null,
    });
    scope.done();
  });

  it('activity_type_ids: the same types valued by ID, for the operations on activity types', async () => {
    const scope = pd()
      .get('/v1/activityTypes')
      .reply(200, ok([activityType(1, 'Call', 'call', 1), activityType(9, 'Site visit', 'site_visit', 3)]));
    expect(await lookup('activity_type_ids', { search: 'visit' })).toEqual({
      options: [{ value: 9, label: 'Site visit' }],
      next_cursor: null,
    });
    scope.done();
  });

  it('currencies: valued by code, searchable by code', async () => {
    const scope = pd()
      .get('/v1/currencies')
      .reply(200, ok([currency(1, 'EUR', 'Euro', '€'), currency(2, 'USD', 'US Dollar', '$')]));
    expect(await lookup('currencies', { search: 'usd' })).toEqual({
      options: [{ value: 'USD', label: 'US Dollar (USD)' }],
      next_cursor: null,
    });
    scope.done();
  });

  it('filters: optionally of one type', async () => {
    const scope = pd()
      .get('/v1/filters')
      .query({ type: 'deals' })
      .reply(200, ok([filter(42, 'Open deals this quarter', 'deals'), filter(43, 'Big deals', 'deals')]));
    expect((await lookup('filters', { type: 'deals', limit: 5 })).options).toEqual([
      { value: 42, label: 'Open deals this quarter' },
      { value: 43, label: 'Big deals' },
    ]);
    scope.done();
  });

  it('deal_fields: every page of the fields, as "name (type)", valued by field_code', async () => {
    const scope = pd()
      .get('/api/v2/dealFields')
      .query({ limit: '500' })
      .reply(200, page([monetaryField()], 'f2'))
      .get('/api/v2/dealFields')
      .query({ cursor: 'f2', limit: '500' })
      .reply(200, page([enumField()]));
    expect(await lookup('deal_fields', { search: 'seg' })).toEqual({
      options: [{ value: '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a', label: 'Segment (enum)' }],
      next_cursor: null,
    });
    scope.done();
  });

  it('boards: the project boards by name', async () => {
    const scope = pd()
      .get('/api/v2/boards')
      .reply(200, ok([board(1), board(2, { name: 'Implementation' })], null));
    expect(await lookup('boards', { search: 'impl' })).toEqual({
      options: [{ value: 2, label: 'Implementation' }],
      next_cursor: null,
    });
    scope.done();
  });

  it('person, organization, product, project and activity fields: each from its own list', async () => {
    for (const entity of ['person', 'organization', 'product', 'project', 'activity']) {
      const scope = pd()
        .get(`/api/v2/${entity}Fields`)
        .query({ limit: '500' })
        .reply(200, page([monetaryField({ field_code: 'name', field_name: 'Name', field_type: 'varchar' })]));
      expect((await lookup(`${entity}_fields`)).options, entity).toEqual([
        { value: 'name', label: 'Name (varchar)' },
      ]);
      scope.done();
    }
  });

  it('phases: depends on board_id, labelled "Phase (Board)"', async () => {
    const scope = pd()
      .get('/api/v2/boards')
      .reply(200, ok([board(1), board(2, { name: 'Implementation' })], null))
      .get('/api/v2/phases')
      .query({ board_id: '2' })
      .reply(
        200,
        ok([phase(21, { name: 'Kick-off', board_id: 2 }), phase(22, { name: 'Go-live', board_id: 2 })]),
      );
    expect(await lookup('phases', { board_id: '2', search: 'live' })).toEqual({
      options: [{ value: 22, label: 'Go-live (Implementation)' }],
      next_cursor: null,
    });
    scope.done();
  });

  it('phases: without board_id, the phases of every board (Pipedrive lists them per board)', async () => {
    const scope = pd()
      .get('/api/v2/boards')
      .reply(200, ok([board(1), board(2, { name: 'Implementation' })], null))
      .get('/api/v2/phases')
      .query({ board_id: '1' })
      .reply(200, ok([phase(11)]))
      .get('/api/v2/phases')
      .query({ board_id: '2' })
      .reply(200, ok([phase(21, { name: 'Kick-off', board_id: 2 })]));
    expect(await lookup('phases', { search: 'kick' })).toEqual({
      options: [
        { value: 11, label: 'Kick-off (Customer onboarding)' },
        { value: 21, label: 'Kick-off (Implementation)' },
      ],
      next_cursor: null,
    });
    scope.done();
  });

  it('project_templates: by title, every page', async () => {
    const scope = pd()
      .get('/api/v2/projectTemplates')
      .query({ limit: '500' })
      .reply(200, page([projectTemplate(5)], 't2'))
      .get('/api/v2/projectTemplates')
      .query({ cursor: 't2', limit: '500' })
      .reply(200, page([projectTemplate(6, { title: 'Enterprise rollout' })]));
    expect(await lookup('project_templates', { search: 'rollout' })).toEqual({
      options: [{ value: 6, label: 'Enterprise rollout' }],
      next_cursor: null,
    });
    scope.done();
  });

  it('tasks: the tasks of one project (a string from a form is fine), by title', async () => {
    const scope = pd()
      .get('/api/v2/tasks')
      .query({ project_id: '31', limit: '500' })
      .reply(200, page([task(41), task(42, { title: 'Book the kick-off call' })]));
    expect(await lookup('tasks', { project_id: '31', search: 'kick' })).toEqual({
      options: [{ value: 42, label: 'Book the kick-off call' }],
      next_cursor: null,
    });
    scope.done();
  });

  it('lead_labels: valued by the label UUID', async () => {
    const scope = pd()
      .get('/v1/leadLabels')
      .reply(200, ok([leadLabel('1d0c2e60-4b3e-11f0-9a61-2b7d04e8c3f1', 'Hot', 'red')]));
    expect((await lookup('lead_labels')).options).toEqual([
      { value: '1d0c2e60-4b3e-11f0-9a61-2b7d04e8c3f1', label: 'Hot' },
    ]);
    scope.done();
  });
});

describe('the records family: goals, organization relationships, currencies by ID', () => {
  it('currency_ids: the currencies valued by ID, for goals in a currency', async () => {
    const scope = pd()
      .get('/v1/currencies')
      .reply(200, ok([currency(1, 'EUR', 'Euro', '€'), currency(2, 'USD', 'US Dollar', '$')]));
    expect(await lookup('currency_ids', { search: 'dollar' })).toEqual({
      options: [{ value: 2, label: 'US Dollar (USD)' }],
      next_cursor: null,
    });
    scope.done();
  });

  it('goals: read from `data.goals` of the goals service, by title, valued by the goal ID', async () => {
    const scope = pd()
      .get('/v1/goals/find')
      .reply(
        200,
        goalsOk({
          goals: [goal(), goal({ id: 'b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1', title: 'Calls in January' })],
        }),
      );
    expect(await lookup('goals', { search: 'calls' })).toEqual({
      options: [{ value: 'b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1', label: 'Calls in January' }],
      next_cursor: null,
    });
    scope.done();
  });

  it('organization_relationships: those of org_id, as "other organization (what it is to org_id)"', async () => {
    const scope = pd()
      .get('/v1/organizationRelationships')
      .query({ org_id: '301' })
      .reply(
        200,
        pageV1([
          relationship(31, 301),
          { ...relationship(32, 301), calculated_type: 'related', related_organization_name: 'Northwind' },
        ]),
      );
    expect(await lookup('organization_relationships', { org_id: '301' })).toEqual({
      options: [
        { value: 31, label: 'Acme Logistics OÜ (daughter)' },
        { value: 32, label: 'Northwind (related)' },
      ],
      next_cursor: null,
    });
    scope.done();
  });

  it('deal_participants: those of the deal `id`, by the name of their person, valued by participant ID', async () => {
    const other = participant(62, 205);
    const scope = pd()
      .get('/v1/deals/101/participants')
      .query({ limit: '500' })
      .reply(
        200,
        pageV1([participant(61, 204), { ...other, person: { ...other.person, name: 'Mari Maasikas' } }]),
      );
    expect(await lookup('deal_participants', { id: '101', search: 'mari' })).toEqual({
      options: [{ value: 62, label: 'Mari Maasikas' }],
      next_cursor: null,
    });
    scope.done();
  });

  it('organization_relationships: without org_id it is refused naming org_id, nothing sent', async () => {
    const error = await refusal('organization_relationships', {});
    expect(error.code).toBe('invalid_input');
    expect(error.details.issues?.map((i) => i.path)).toEqual(['org_id']);
  });
});

describe('entities: server-side search with cursor paging, listing without a term', () => {
  it('persons: search term → search_persons `term` (name and email), then the next page by cursor', async () => {
    const scope = pd()
      .get('/api/v2/persons/search')
      .query({ term: 'tamm', fields: 'name,email', limit: '2' })
      .reply(200, hits([personHit(201), personHit(202, { name: 'Jaan Tamm', emails: [] })], 'p2'))
      .get('/api/v2/persons/search')
      .query({ term: 'tamm', fields: 'name,email', limit: '2', cursor: 'p2' })
      .reply(200, hits([personHit(203, { name: 'Liis Tamm', emails: ['liis@example.com'] })]));
    const first = await lookup('persons', { search: ' tamm ', limit: 2 });
    expect(first.options).toEqual([
      { value: 201, label: 'Mari Tamm (mari.tamm@acme.example.ee)' },
      { value: 202, label: 'Jaan Tamm' },
    ]);
    const second = await lookup('persons', { search: 'tamm', limit: 2, cursor: first.next_cursor });
    expect(second).toEqual({
      options: [{ value: 203, label: 'Liis Tamm (liis@example.com)' }],
      next_cursor: null,
    });
    scope.done();
  });

  it('persons: a one-letter term lists instead of failing; list pages follow the cursor', async () => {
    const scope = pd()
      .get('/api/v2/persons')
      .query({ limit: '50' })
      .reply(200, page([person(201)], 'l2'))
      .get('/api/v2/persons')
      .query({ limit: '50', cursor: 'l2' })
      .reply(
        200,
        page([person(204, { name: 'Anu Saar', emails: [{ value: 'anu@example.com', primary: false }] })]),
      );
    const first = await lookup('persons', { search: 'm' });
    expect(first.options).toEqual([{ value: 201, label: 'Mari Tamm (mari.tamm@acme.example.ee)' }]);
    const second = await lookup('persons', { cursor: first.next_cursor });
    expect(second).toEqual({
      options: [{ value: 204, label: 'Anu Saar (anu@example.com)' }],
      next_cursor: null,
    });
    scope.done();
  });

  it('organizations: searched by name', async () => {
    const scope = pd()
      .get('/api/v2/organizations/search')
      .query({ term: 'acme', fields: 'name', limit: '50' })
      .reply(200, hits([organizationHit(301)]));
    expect(await lookup('organizations', { search: 'acme' })).toEqual({
      options: [{ value: 301, label: 'Acme OÜ' }],
      next_cursor: null,
    });
    scope.done();
  });

  it('organizations: listed by cursor', async () => {
    const scope = pd()
      .get('/api/v2/organizations')
      .query({ limit: '10' })
      .reply(200, page([organization(301), organization(302, { name: 'Northwind' })], 'o2'));
    const answer = await lookup('organizations', { limit: 10 });
    expect(answer.options.map((o) => o.label)).toEqual(['Acme OÜ', 'Northwind']);
    expect(answer.next_cursor).toEqual(expect.any(String));
    scope.done();
  });

  it('deals: searched by title, and listed', async () => {
    const scope = pd()
      .get('/api/v2/deals/search')
      .query({ term: 'renewal', fields: 'title', limit: '50' })
      .reply(200, hits([{ id: 101, type: 'deal', title: 'Acme renewal' }], 'd2'))
      .get('/api/v2/deals')
      .query({ limit: '50' })
      .reply(200, page([deal(101), deal(102, { title: 'Northwind pilot' })]));
    const found = await lookup('deals', { search: 'renewal' });
    expect(found.options).toEqual([{ value: 101, label: 'Acme renewal' }]);
    expect(found.next_cursor).toEqual(expect.any(String));
    const listed = await lookup('deals');
    expect(listed.options.map((o) => o.value)).toEqual([101, 102]);
    expect(listed.next_cursor).toBeNull();
    scope.done();
  });

  it('products: "name (code)", searched by name and code', async () => {
    const scope = pd()
      .get('/api/v2/products/search')
      .query({ term: 'ONB', fields: 'name,code', limit: '50' })
      .reply(200, hits([productSearchItem(401)]))
      .get('/api/v2/products')
      .query({ limit: '50' })
      .reply(200, page([product(401)]));
    expect((await lookup('products', { search: 'ONB' })).options).toEqual([
      { value: 401, label: 'Onboarding workshop (ONB-WS)' },
    ]);
    expect((await lookup('products')).options).toEqual([
      { value: 401, label: 'Onboarding workshop (ONB-WS)' },
    ]);
    scope.done();
  });

  it('files: "name (what it is attached to)", searched by name among all items, listed by offset', async () => {
    const scope = pd()
      .get('/api/v2/itemSearch')
      .query({ term: 'contract', item_types: 'file', fields: 'name', limit: '50' })
      .reply(
        200,
        hits([
          { id: 501, type: 'file', name: 'contract.pdf', deal: { id: 101, title: 'Acme renewal 2026' } },
        ]),
      )
      .get('/v1/files')
      .query({ limit: '50' })
      .reply(
        200,
        pageV1([
          fileRecord(501),
          fileRecord(502, { name: '', file_name: 'scan.png', deal_name: '', org_name: 'Acme OÜ' }),
        ]),
      );
    expect((await lookup('files', { search: 'contract' })).options).toEqual([
      { value: 501, label: 'contract.pdf (Acme renewal 2026)' },
    ]);
    expect((await lookup('files')).options).toEqual([
      { value: 501, label: 'contract.pdf (Acme renewal 2026)' },
      { value: 502, label: 'scan.png (Acme OÜ)' },
    ]);
    scope.done();
  });

  it('leads: searched on API v2 by cursor, listed on API v1 by offset', async () => {
    const scope = pd()
      .get('/api/v2/leads/search')
      .query({ term: 'nordlicht', fields: 'title', limit: '20' })
      .reply(200, hits([leadSearchItem()]))
      .get('/v1/leads')
      .query({ limit: '20' })
      .reply(200, pageV1([lead()], 0, 20))
      .get('/v1/leads')
      .query({ start: '20', limit: '20' })
      .reply(200, pageV1([lead(LEAD_2, { title: 'Second lead' })], 20));
    expect(await lookup('leads', { search: 'nordlicht', limit: 20 })).toEqual({
      options: [{ value: LEAD_ID, label: 'Nordlicht GmbH – fleet tracking pilot' }],
      next_cursor: null,
    });
    const first = await lookup('leads', { limit: 20 });
    expect(first.options).toEqual([{ value: LEAD_ID, label: 'Nordlicht GmbH – fleet tracking pilot' }]);
    const second = await lookup('leads', { limit: 20, cursor: first.next_cursor });
    expect(second).toEqual({ options: [{ value: LEAD_2, label: 'Second lead' }], next_cursor: null });
    scope.done();
  });
});

describe('projects: searched by title, listed without a term', () => {
  it('projects: a term goes to search_projects (titles), none lists the projects', async () => {
    const scope = pd()
      .get('/api/v2/projects/search')
      .query({ term: 'acme', fields: 'title', limit: '50' })
      .reply(200, hits([projectSearchItem()]))
      .get('/api/v2/projects')
      .query({ limit: '50' })
      .reply(200, page([project(31), project(32, { title: 'Northwind pilot' })], 'p2'));
    expect(await lookup('projects', { search: 'acme' })).toEqual({
      options: [{ value: 31, label: 'Acme onboarding' }],
      next_cursor: null,
    });
    const listed = await lookup('projects');
    expect(listed.options).toEqual([
      { value: 31, label: 'Acme onboarding' },
      { value: 32, label: 'Northwind pilot' },
    ]);
    expect(listed.next_cursor).toEqual(expect.any(String));
    scope.done();
  });
});

describe('lookup input', () => {
  it('refuses bad input naming the field, and cursors of another search, before sending anything', async () => {
    const searchCursor = Buffer.from(JSON.stringify(['search', 'p2'])).toString('base64url');
    const cases: [string, Record<string, unknown>, string][] = [
      ['persons', { limit: 0 }, 'limit'],
      ['persons', { limit: 501 }, 'limit'],
      ['persons', { owner: 1 }, 'owner'],
      ['stages', { pipeline_id: 'first' }, 'pipeline_id'],
      ['persons', { cursor: searchCursor }, 'cursor'],
      ['persons', { search: 'tamm', cursor: 'not-a-cursor' }, 'cursor'],
      ['users', { cursor: searchCursor }, 'cursor'],
      ['stages', { pipeline_id: 1, cursor: 'bad' }, 'cursor'],
    ];
    for (const [name, input, field] of cases) {
      const error = await refusal(name, input);
      expect(error.code, `${name} ${field}`).toBe('invalid_input');
      expect(error.details.issues?.map((i) => i.path)).toEqual([field]);
    }
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('reads a list per related record only with `related`, the param, and no search', () => {
    const base = {
      name: 'phases_test',
      title: 'Phases',
      description: 'Phases',
      list: list_project_phases,
      params: { board_id: z.int().optional() },
      option: () => undefined,
    };
    expect(() => defineLookup({ ...base, eachRelated: 'board_id' })).toThrow(/eachRelated/);
    expect(() => defineLookup({ ...base, related: list_project_boards, eachRelated: 'pipeline_id' })).toThrow(
      /eachRelated/,
    );
    expect(() =>
      defineLookup({
        ...base,
        related: list_project_boards,
        eachRelated: 'board_id',
        search: { operation: list_project_phases },
      }),
    ).toThrow(/eachRelated/);
    expect(defineLookup({ ...base, related: list_project_boards, eachRelated: 'board_id' }).name).toBe(
      'phases_test',
    );
  });

  it('an unknown lookup is unknown_operation naming the known ones', async () => {
    const error = await refusal('colours', {});
    expect(error.code).toBe('unknown_operation');
    expect(error.message).toContain('stages');
  });

  it('returns options and next_cursor only', async () => {
    pd().get('/v1/leadLabels').reply(200, ok([]));
    const answer: LookupPage = await lookup('lead_labels');
    expect(answer).toEqual({ options: [], next_cursor: null });
  });
});

type Node = JsonSchema & { properties?: Record<string, Node>; items?: Node; anyOf?: Node[] };

describe('manifest: lookups and x-lookup annotations', () => {
  const manifest = buildConnectorManifest();
  const inputOf = (name: string) =>
    manifest.operations.find((op) => op.name === name)?.input_schema.properties as Record<string, Node>;

  it('lists every lookup with its title, description, depends_on and input schema', () => {
    const entries = manifest.lookups as {
      name: string;
      title: string;
      description: string;
      depends_on: string[];
      input_schema: Node;
    }[];
    expect(entries.map((l) => l.name)).toEqual([
      'users',
      'pipelines',
      'stages',
      'activity_types',
      'activity_type_ids',
      'currencies',
      'filters',
      'deal_fields',
      'person_fields',
      'organization_fields',
      'product_fields',
      'project_fields',
      'activity_fields',
      'lead_labels',
      'persons',
      'organizations',
      'deals',
      'products',
      'leads',
      'roles',
      'permission_sets',
      'webhooks',
      'mail_threads',
      'call_logs',
      'notes',
      'note_comments',
      'projects',
      'boards',
      'phases',
      'tasks',
      'project_templates',
      'currency_ids',
      'goals',
      'organization_relationships',
      'deal_participants',
      'files',
    ]);
    for (const entry of entries) {
      expect(entry.title).toEqual(expect.any(String));
      expect(entry.description).toEqual(expect.any(String));
      expect(Object.keys(entry.input_schema.properties ?? {})).toEqual(
        expect.arrayContaining(['search', 'cursor', 'limit', ...entry.depends_on]),
      );
    }
    const stages = entries.find((l) => l.name === 'stages');
    expect(stages?.depends_on).toEqual(['pipeline_id']);
    expect(stages?.input_schema.properties?.pipeline_id?.['x-lookup']).toEqual({ lookup: 'pipelines' });
  });

  it('marks dropdown fields by name, keeping their types', () => {
    const addDeal = inputOf('add_deal');
    expect(addDeal.owner_id).toMatchObject({ type: 'integer', 'x-lookup': { lookup: 'users' } });
    expect(addDeal.person_id?.['x-lookup']).toEqual({ lookup: 'persons' });
    expect(addDeal.org_id?.['x-lookup']).toEqual({ lookup: 'organizations' });
    expect(addDeal.pipeline_id?.['x-lookup']).toEqual({ lookup: 'pipelines' });
    expect(addDeal.stage_id?.['x-lookup']).toEqual({ lookup: 'stages', dependsOn: ['pipeline_id'] });
    expect(addDeal.currency).toMatchObject({ type: 'string', 'x-lookup': { lookup: 'currencies' } });
    expect(inputOf('list_deals').filter_id?.['x-lookup']).toEqual({ lookup: 'filters' });
    expect(inputOf('add_note').lead_id?.['x-lookup']).toEqual({ lookup: 'leads' });
    expect(inputOf('add_note').deal_id?.['x-lookup']).toEqual({ lookup: 'deals' });
    expect(inputOf('add_deal_product').product_id?.['x-lookup']).toEqual({ lookup: 'products' });
    expect(inputOf('search_persons').organization_id?.['x-lookup']).toEqual({ lookup: 'organizations' });
  });

  it('gives the IDs of lead labels, activity types and filters their dropdowns', () => {
    for (const op of ['update_lead_label', 'delete_lead_label']) {
      expect(inputOf(op).id).toMatchObject({ format: 'uuid', 'x-lookup': { lookup: 'lead_labels' } });
    }
    for (const op of ['update_activity_type', 'delete_activity_type']) {
      expect(inputOf(op).id).toMatchObject({ type: 'integer', 'x-lookup': { lookup: 'activity_type_ids' } });
    }
    for (const op of ['get_filter', 'update_filter', 'delete_filter']) {
      expect(inputOf(op).id).toMatchObject({ type: 'integer', 'x-lookup': { lookup: 'filters' } });
    }
  });

  it('gives the field_code of the field operations the fields of their entity', () => {
    for (const entity of ['deal', 'person', 'organization', 'product']) {
      for (const op of [
        `get_${entity}_field`,
        `update_${entity}_field`,
        `delete_${entity}_field`,
        `add_${entity}_field_options`,
        `update_${entity}_field_options`,
        `delete_${entity}_field_options`,
      ]) {
        expect(inputOf(op).field_code, op).toMatchObject({
          type: 'string',
          'x-lookup': { lookup: `${entity}_fields` },
        });
      }
    }
    expect(inputOf('get_activity_field').field_code?.['x-lookup']).toEqual({ lookup: 'activity_fields' });
  });

  it('gives the project family its dropdowns: by field name, and on the IDs of its own endpoints', () => {
    expect(inputOf('add_project_phase').board_id?.['x-lookup']).toEqual({ lookup: 'boards' });
    expect(inputOf('update_project_board').id?.['x-lookup']).toEqual({ lookup: 'boards' });
    expect(inputOf('get_project_phase').id).toMatchObject({
      type: 'integer',
      'x-lookup': { lookup: 'phases' },
    });
    expect(inputOf('get_project_template').id?.['x-lookup']).toEqual({ lookup: 'project_templates' });
    expect(inputOf('add_project').template_id?.['x-lookup']).toEqual({ lookup: 'project_templates' });
    expect(inputOf('add_project').phase_id?.['x-lookup']).toEqual({
      lookup: 'phases',
      dependsOn: ['board_id'],
    });
    expect(inputOf('list_projects').phase_id?.['x-lookup']).toEqual({ lookup: 'phases' });
    expect(inputOf('update_project').id?.['x-lookup']).toEqual({ lookup: 'projects' });
    expect(inputOf('add_task').parent_task_id?.['x-lookup']).toEqual({
      lookup: 'tasks',
      dependsOn: ['project_id'],
    });
    expect(inputOf('delete_task').id?.['x-lookup']).toEqual({ lookup: 'tasks' });
    expect(inputOf('list_tasks').assignee_id?.['x-lookup']).toEqual({ lookup: 'users' });
    expect(inputOf('list_tasks').parent_task_id?.['x-lookup']).toBeUndefined();
    // Records of other families that link a project pick it from the same list.
    expect(inputOf('add_activity').project_id?.['x-lookup']).toEqual({ lookup: 'projects' });
    expect(inputOf('list_notes').project_id?.['x-lookup']).toEqual({ lookup: 'projects' });
  });

  it('gives the IDs of files, and of the records whose files, pictures and images are read, their dropdowns', () => {
    for (const op of ['get_file', 'download_file', 'update_file', 'delete_file']) {
      expect(inputOf(op).id).toMatchObject({ type: 'integer', 'x-lookup': { lookup: 'files' } });
    }
    const owners: [string, string][] = [
      ['get_deal_files', 'deals'],
      ['get_organization_files', 'organizations'],
      ['get_person_files', 'persons'],
      ['get_product_files', 'products'],
      ['add_person_picture', 'persons'],
      ['delete_product_image', 'products'],
    ];
    for (const [op, lookup] of owners) expect(inputOf(op).id?.['x-lookup'], op).toEqual({ lookup });
    expect(inputOf('add_file').deal_id?.['x-lookup']).toEqual({ lookup: 'deals' });
  });

  it('marks `type` as an activity type on activity operations only', () => {
    expect(inputOf('add_activity').type?.['x-lookup']).toEqual({ lookup: 'activity_types' });
    expect(inputOf('list_filters').type?.['x-lookup']).toBeUndefined();
  });

  it('gives stage_id no dependsOn without a pipeline_id beside it, and honours an explicit x-lookup', () => {
    const schema = withLookups(
      toJsonSchema(
        z.strictObject({
          stage_id: z.int(),
          contact: z.int().meta({ description: 'Who', 'x-lookup': { lookup: 'persons' } }),
          owner_id: z.int().meta({ 'x-lookup': { lookup: 'users', dependsOn: ['team'] } }),
          nested: z.strictObject({ user_id: z.int() }),
        }),
        'input',
      ),
    ) as Node;
    expect(schema.properties?.stage_id?.['x-lookup']).toEqual({ lookup: 'stages' });
    expect(schema.properties?.contact?.['x-lookup']).toEqual({ lookup: 'persons' });
    expect(schema.properties?.owner_id?.['x-lookup']).toEqual({ lookup: 'users', dependsOn: ['team'] });
    expect(schema.properties?.nested?.properties?.user_id?.['x-lookup']).toEqual({ lookup: 'users' });
  });

  it('gives a list of IDs named like a dropdown field the dropdown on its items, not on the list', () => {
    const schema = withLookups(
      toJsonSchema(
        z.strictObject({
          pipeline_id: z.array(z.int()).nullable(),
          stage_id: z.array(z.int()),
          pipeline: z.strictObject({ user_id: z.array(z.int()) }),
        }),
        'input',
      ),
    ) as Node;
    const pipelines = schema.properties?.pipeline_id as Node;
    expect(pipelines['x-lookup']).toBeUndefined();
    expect(pipelines.anyOf?.find((s) => s.type === 'array')?.items?.['x-lookup']).toEqual({
      lookup: 'pipelines',
    });
    expect(schema.properties?.stage_id?.items?.['x-lookup']).toEqual({ lookup: 'stages' });
    expect(schema.properties?.pipeline?.properties?.user_id?.items?.['x-lookup']).toEqual({
      lookup: 'users',
    });
  });

  it('every x-lookup names a lookup, and its dependsOn fields stand beside it', () => {
    const names = new Set(lookups.map((l) => l.name));
    const bad: string[] = [];
    const visit = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      const properties = (node as Node).properties ?? {};
      for (const [key, child] of Object.entries(properties)) {
        const mark = child['x-lookup'] as { lookup: string; dependsOn?: string[] } | undefined;
        if (mark && !names.has(mark.lookup)) bad.push(`${where}.${key}: ${mark.lookup}`);
        const item = [child, ...(child.anyOf ?? [])].find((s) => s.items)?.items?.['x-lookup'] as
          | { lookup: string }
          | undefined;
        if (item && !names.has(item.lookup)) bad.push(`${where}.${key}[]: ${item.lookup}`);
        for (const dep of mark?.dependsOn ?? [])
          if (!(dep in properties)) bad.push(`${where}.${key} needs ${dep}`);
      }
      for (const value of Object.values(node)) visit(value, where);
    };
    for (const op of manifest.operations) visit(op.input_schema, op.name);
    expect(bad).toEqual([]);
  });

  it('leaves output schemas alone', () => {
    const output = JSON.stringify(manifest.operations.map((op) => op.output_schema));
    expect(output).not.toContain('x-lookup');
  });
});

/** The input fields of an operation, as the manifest gives them (the account family's dropdown checks). */
const accountManifest = buildConnectorManifest();
const inputOf = (name: string) =>
  accountManifest.operations.find((op) => op.name === name)?.input_schema.properties as Record<string, Node>;

describe('account lookups: roles, permission sets', () => {
  it('roles: by name, every page of the v1 list', async () => {
    const scope = pd()
      .get('/v1/roles')
      .query({ limit: '500' })
      .reply(200, pageV1([role(1, '(Unassigned users)', { level: 1 })], 0, 500))
      .get('/v1/roles')
      .query({ start: '500', limit: '500' })
      .reply(200, pageV1([role(3, 'Field sales'), role(4, 'Inside sales')], 500));
    expect(await lookup('roles', { search: 'sales' })).toEqual({
      options: [
        { value: 3, label: 'Field sales' },
        { value: 4, label: 'Inside sales' },
      ],
      next_cursor: null,
    });
    scope.done();
  });

  it('permission_sets: "name (app)", valued by UUID, optionally of one app', async () => {
    const scope = pd()
      .get('/v1/permissionSets')
      .query({ app: 'sales' })
      .reply(200, ok([permissionSet(PERMISSION_SET_SALES, 'Deals regular user', 'sales', 'regular', 3)]));
    expect((await lookup('permission_sets', { app: 'sales' })).options).toEqual([
      { value: PERMISSION_SET_SALES, label: 'Deals regular user (sales)' },
    ]);
    scope.done();
  });

  it('marks the fields that pick a role or a permission set', () => {
    expect(inputOf('add_role').parent_role_id?.['x-lookup']).toEqual({ lookup: 'roles' });
    expect(inputOf('update_role').parent_role_id?.['x-lookup']).toEqual({ lookup: 'roles' });
    for (const op of [
      'get_role',
      'update_role',
      'delete_role',
      'add_role_assignment',
      'update_role_pipelines',
    ]) {
      expect(inputOf(op).id?.['x-lookup'], op).toEqual({ lookup: 'roles' });
    }
    expect(inputOf('add_role_assignment').user_id?.['x-lookup']).toEqual({ lookup: 'users' });
    for (const op of ['get_permission_set', 'get_permission_set_assignments']) {
      expect(inputOf(op).id).toMatchObject({ format: 'uuid', 'x-lookup': { lookup: 'permission_sets' } });
    }
  });
});

describe('account lookups: webhooks', () => {
  it('webhooks: "name (action.object)"', async () => {
    const scope = pd()
      .get('/v1/webhooks')
      .reply(
        200,
        webhookOk([
          webhook(4201),
          webhook(4203, { name: 'Project events', event_action: '*', event_object: 'project' }),
        ]),
      );
    expect(await lookup('webhooks', { search: 'project' })).toEqual({
      options: [{ value: 4203, label: 'Project events (*.project)' }],
      next_cursor: null,
    });
    scope.done();
  });

  it('delete_webhook picks its ID from them', () => {
    expect(inputOf('delete_webhook').id?.['x-lookup']).toEqual({ lookup: 'webhooks' });
  });
});

describe('account lookups: mail threads', () => {
  it('mail_threads: the 500 newest of the inbox, as "subject (sender)"', async () => {
    const scope = pd()
      .get('/v1/mailbox/mailThreads')
      .query({ folder: 'inbox', limit: '500' })
      .reply(200, pageV1([mailThread(4410), mailThread(4411, { subject: 'Pilot kickoff' })]));
    expect(await lookup('mail_threads', { search: 'renewal' })).toEqual({
      options: [{ value: 4410, label: 'Re: Renewal terms 2026 (Mari Tamm)' }],
      next_cursor: null,
    });
    scope.done();
  });

  it('mail_threads: of another folder', async () => {
    const scope = pd()
      .get('/v1/mailbox/mailThreads')
      .query({ folder: 'archive', limit: '500' })
      .reply(200, pageV1([mailThread(4412, { subject: 'Old thread', parties: { from: [], to: [] } })]));
    expect((await lookup('mail_threads', { folder: 'archive' })).options).toEqual([
      { value: 4412, label: 'Old thread' },
    ]);
    scope.done();
  });

  it('the mail thread operations pick the thread, and a thread links to a deal or lead from their lists', () => {
    for (const op of [
      'get_mail_thread',
      'update_mail_thread',
      'delete_mail_thread',
      'get_mail_thread_messages',
    ]) {
      expect(inputOf(op).id?.['x-lookup'], op).toEqual({ lookup: 'mail_threads' });
    }
    expect(inputOf('update_mail_thread').deal_id?.['x-lookup']).toEqual({ lookup: 'deals' });
    expect(inputOf('update_mail_thread').lead_id?.['x-lookup']).toEqual({ lookup: 'leads' });
  });
});

describe('account lookups: call logs', () => {
  it('call_logs: "subject (number, start)", every page up to 500', async () => {
    const scope = pd()
      .get('/v1/callLogs')
      .query({ limit: '50' })
      .reply(200, pageV1([callLog()], 0, 50))
      .get('/v1/callLogs')
      .query({ start: '50', limit: '50' })
      .reply(200, pageV1([callLog('CAd92b2', { subject: null, to_phone_number: '+37255550102' })], 50));
    expect((await lookup('call_logs')).options).toEqual([
      { value: CALL_LOG_ID, label: 'Renewal call with Mari (+37255550101, 2026-11-20T09:30:00.000Z)' },
      { value: 'CAd92b2', label: 'Call (+37255550102, 2026-11-20T09:30:00.000Z)' },
    ]);
    scope.done();
  });

  it('the call log operations pick the call log; a call links to records from their lists', () => {
    for (const op of ['get_call_log', 'delete_call_log']) {
      expect(inputOf(op).id?.['x-lookup'], op).toEqual({ lookup: 'call_logs' });
    }
    const add = inputOf('add_call_log');
    expect(add.person_id?.['x-lookup']).toEqual({ lookup: 'persons' });
    expect(add.org_id?.['x-lookup']).toEqual({ lookup: 'organizations' });
    expect(add.deal_id?.['x-lookup']).toEqual({ lookup: 'deals' });
    expect(add.lead_id?.['x-lookup']).toEqual({ lookup: 'leads' });
    expect(add.user_id?.['x-lookup']).toEqual({ lookup: 'users' });
  });
});

describe('account lookups: notes and their comments', () => {
  it('notes: the 500 newest, as the start of their text and what they are on', async () => {
    const scope = pd()
      .get('/v1/notes')
      .query({ sort: 'add_time DESC', limit: '500' })
      .reply(
        200,
        pageV1([
          note(801),
          note(802, {
            content: `<p>${'Long&nbsp;minutes of the steering committee meeting, '.repeat(3)}</p>`,
            deal: null,
          }),
        ]),
      );
    expect((await lookup('notes')).options).toEqual([
      { value: 801, label: 'Budget approved, waiting for the legal review. (Acme renewal 2026)' },
      { value: 802, label: 'Long minutes of the steering committee meeting, Long minute… (Mari Tamm)' },
    ]);
    scope.done();
  });

  it('note_comments: the comments of the note in `id`, valued by UUID', async () => {
    const scope = pd()
      .get('/v1/notes/801/comments')
      .query({ limit: '500' })
      .reply(200, pageV1([noteComment()]));
    expect(await lookup('note_comments', { id: '801' })).toEqual({
      options: [{ value: COMMENT_ID, label: 'Legal approved the new terms.' }],
      next_cursor: null,
    });
    const error = await refusal('note_comments', {});
    expect(error.details.issues?.map((i) => i.path)).toEqual(['id']);
    scope.done();
  });

  it('a comment depends on its note; notes are picked from the notes lookup', () => {
    for (const op of ['get_note_comment', 'update_note_comment', 'delete_note_comment']) {
      expect(inputOf(op).commentId?.['x-lookup'], op).toEqual({ lookup: 'note_comments', dependsOn: ['id'] });
    }
    for (const op of ['get_note', 'update_note', 'delete_note', 'get_note_comments', 'add_note_comment']) {
      expect(inputOf(op).id?.['x-lookup'], op).toEqual({ lookup: 'notes' });
    }
  });
});

describe('account lookups: users', () => {
  it('the user operations pick the user; new users pick their permission sets', () => {
    for (const op of [
      'get_user',
      'update_user',
      'get_user_permissions',
      'get_user_role_assignments',
      'get_user_role_settings',
    ]) {
      expect(inputOf(op).id?.['x-lookup'], op).toEqual({ lookup: 'users' });
    }
    const access = inputOf('add_user').access?.items?.properties;
    expect(access?.permission_set_id?.['x-lookup']).toEqual({ lookup: 'permission_sets' });
  });
});
