import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hits, page } from '../fixtures/entities.js';
import { personHit } from '../fixtures/persons.js';
import { pipeline } from '../fixtures/pipelines.js';
import { stage } from '../fixtures/stages.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { connect, HOST_TOKEN, PD } from '../helpers/triggers.js';

describe('POST /lookups/:name', () => {
  let host: TestHost;
  let connectionId: string;

  beforeEach(async () => {
    host = await startTestHost();
    connectionId = await connect(host);
  });

  afterEach(async () => {
    await host.close();
  });

  const call = (name: string, payload: unknown) =>
    host.inject({ method: 'POST', url: `/lookups/${name}`, payload: payload as object });

  /** Pipedrive's pipelines, then the stages of pipeline 1 (the stages lookup reads both). */
  const stagesOfPipeline1 = (stages: unknown[]) =>
    nock(PD, { reqheaders: { 'x-api-token': HOST_TOKEN } })
      .get('/api/v2/pipelines')
      .query({ limit: '500' })
      .reply(200, page([pipeline(1)]))
      .get('/api/v2/stages')
      .query({ pipeline_id: '1', sort_by: 'order_nr', limit: '500' })
      .reply(200, page(stages));

  it('answers options and next_cursor, calling Pipedrive with the connection', async () => {
    const scope = stagesOfPipeline1([
      stage(2),
      stage(3, { name: 'Negotiation' }),
      stage(4, { name: 'Proposal revised' }),
    ]);
    const response = await call('stages', {
      connection_id: connectionId,
      input: { pipeline_id: 1, search: 'proposal', limit: 1 },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.options).toEqual([{ value: 2, label: 'Proposal sent (Enterprise sales)' }]);
    expect(body.next_cursor).toEqual(expect.any(String));
    scope.done();
    expect(host.logs()).not.toContain(HOST_TOKEN);
  });

  it("fills a trigger's dropdowns: the options the manifest marks with x-lookup are answered here", async () => {
    const manifest = (await host.inject({ method: 'GET', url: '/manifest' })).json() as {
      triggers: { name: string; input_schema: { properties: Record<string, Record<string, unknown>> } }[];
    };
    const options = manifest.triggers.find((t) => t.name === 'deal_stage_changed')?.input_schema.properties;
    const lookup = options?.stage_id?.['x-lookup'] as { lookup: string; dependsOn: string[] };
    expect(lookup).toEqual({ lookup: 'stages', dependsOn: ['pipeline_id'] });
    expect(options?.pipeline_id?.['x-lookup']).toEqual({ lookup: 'pipelines' });
    const scope = stagesOfPipeline1([stage(4, { name: 'Negotiation' })]);
    const response = await call(lookup.lookup, { connection_id: connectionId, input: { pipeline_id: 1 } });
    expect(response.json()).toEqual({
      options: [{ value: 4, label: 'Negotiation (Enterprise sales)' }],
      next_cursor: null,
    });
    scope.done();
  });

  it('pages a server-side search with the cursor it answered', async () => {
    const scope = nock(PD, { reqheaders: { 'x-api-token': HOST_TOKEN } })
      .get('/api/v2/persons/search')
      .query({ term: 'tamm', fields: 'name,email', limit: '1' })
      .reply(200, hits([personHit(201)], 'n2'))
      .get('/api/v2/persons/search')
      .query({ term: 'tamm', fields: 'name,email', limit: '1', cursor: 'n2' })
      .reply(200, hits([]));
    const first = await call('persons', { connection_id: connectionId, input: { search: 'tamm', limit: 1 } });
    expect(first.json().options).toEqual([{ value: 201, label: 'Mari Tamm (mari.tamm@acme.example.ee)' }]);
    const second = await call('persons', {
      connection_id: connectionId,
      input: { search: 'tamm', limit: 1, cursor: first.json().next_cursor },
    });
    expect(second.json()).toEqual({ options: [], next_cursor: null });
    scope.done();
  });

  it('refuses unknown lookups, unknown connections and bad input without calling Pipedrive', async () => {
    const unknown = await call('colours', { connection_id: connectionId });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('unknown_operation');

    const noConnection = await call('users', { connection_id: 'nope' });
    expect(noConnection.statusCode).toBe(404);
    expect(noConnection.json().error.code).toBe('not_found');

    const badBody = await call('users', { input: {} });
    expect(badBody.statusCode).toBe(400);
    expect(badBody.json().error.details.issues[0].path).toBe('connection_id');

    const badInput = await call('stages', { connection_id: connectionId, input: { pipeline_id: 'x' } });
    expect(badInput.statusCode).toBe(400);
    expect(badInput.json().error).toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ path: 'pipeline_id' }] },
    });
    expect(nock.pendingMocks()).toEqual([]);
  });
});
