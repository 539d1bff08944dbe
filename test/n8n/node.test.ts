/**
 * The Pipedrive Connector node in n8n's engine: dropdowns (resource locators) searched and paged through
 * n8n's own load-options context, errors as n8n errors with and without Continue On Fail, Return All / Limit,
 * and OAuth2 tokens refreshed by n8n's own OAuth2 mechanism.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { INode } from '../../adapters/n8n/engine-types.js';
import { title } from '../../adapters/n8n/style.js';
import connector from '../../index.js';
import { deal, hits, page } from '../fixtures/entities.js';
import { personHit } from '../fixtures/persons.js';
import { stage } from '../fixtures/stages.js';
import { webhooksWithSecrets } from '../fixtures/webhooks.js';
import type { StubRequest } from '../helpers/pipedrive-stub.js';
import { runWorkflow, searchList } from './harness.js';
import {
  API_CREDENTIAL,
  N8N_ACCESS_TOKEN,
  N8N_CLIENT_SECRET,
  N8N_FRESH_TOKEN,
  N8N_REFRESH_TOKEN,
  N8N_TOKEN,
  NODE,
  setUpN8nTests,
  TRIGGER,
} from './setup.js';

/** Deals 1..n, at most 3 a page (as if Pipedrive gave fewer than asked), the cursor being the next offset. */
function dealPages(total: number) {
  return (request: StubRequest) => {
    const size = Math.min(3, Number(request.query.limit ?? 100));
    const from = Number(request.query.cursor ?? 0);
    const ids = Array.from({ length: Math.max(0, Math.min(size, total - from)) }, (_, i) => from + i + 1);
    return page(
      ids.map((id) => deal(id)),
      from + size < total ? String(from + size) : null,
    );
  };
}

const n8n = setUpN8nTests(() => [
  {
    method: 'GET',
    path: '/api/v2/deals/999',
    status: 404,
    reply: { success: false, error: 'Deal not found' },
  },
  {
    method: 'GET',
    path: '/api/v2/deals/{id}',
    reply: (r: StubRequest) => ({ success: true, data: deal(Number(r.path.split('/').pop())) }),
  },
  { method: 'GET', path: '/api/v2/deals', reply: dealPages(7) },
  { method: 'GET', path: '/api/v2/dealFields', reply: page([]) },
  {
    method: 'POST',
    path: '/v1/activityTypes',
    reply: (r: StubRequest) => ({
      success: true,
      data: {
        id: 9,
        order_nr: 1,
        name: (r.body as { name: string }).name,
        key_string: 'site_visit',
        icon_key: 'car',
        active_flag: true,
        color: (r.body as { color: string }).color,
        is_custom_flag: true,
        add_time: '2026-01-01 00:00:00',
        update_time: '2026-01-01 00:00:00',
      },
    }),
  },
  { method: 'GET', path: '/v1/webhooks', reply: webhooksWithSecrets().answer },
  {
    method: 'GET',
    path: '/api/v2/persons/search',
    reply: (r: StubRequest) =>
      r.query.cursor === 'p2'
        ? hits([personHit(203, { name: 'Liis Tamm', emails: ['liis@example.com'] })])
        : hits([personHit(201), personHit(202, { name: 'Jaan Tamm', emails: [] })], 'p2'),
  },
  {
    method: 'GET',
    path: '/api/v2/stages',
    reply: page([stage(3, { name: 'Proposal', pipeline_id: 2 })]),
  },
  {
    method: 'GET',
    path: '/api/v2/pipelines',
    reply: page([
      {
        id: 2,
        name: 'Renewals',
        order_nr: 1,
        is_deal_probability_enabled: false,
        is_selected: false,
        add_time: '2026-01-01T00:00:00Z',
        update_time: '2026-01-01T00:00:00Z',
      },
    ]),
  },
]);

const shape = (r: StubRequest) => ({ method: r.method, path: r.path, query: r.query });
/** The requests of the operation, without the one read of the deal fields (for custom_fields_by_name, cached). */
const sent = () => n8n.stub.requests.filter((r) => r.path !== '/api/v2/dealFields').map(shape);

/** A dropdown's search, as the editor asks it for the action node with these parameters. */
const search = (method: string, parameters: INode['parameters'], filter?: string, token?: string) =>
  searchList(n8n.harness, { type: NODE, credentials: API_CREDENTIAL, parameters }, method, filter, token);

describe('the node as the editor shows it', () => {
  const properties = () => n8n.harness.nodeTypes.getByNameAndVersion(NODE, 1).description.properties;
  const names = (options: unknown) => ((options ?? []) as { name: string }[]).map((o) => o.name);
  const values = (options: unknown) => ((options ?? []) as { value: string }[]).map((o) => o.value);
  const sorted = (list: string[]) => [...list].sort((a, b) => a.localeCompare(b));

  it('lists every resource once, sorted, with a clear name; each with its operations, sorted', () => {
    const resource = properties().find((p) => p.name === 'resource');
    const resources = values(resource?.options);
    const manifestResources = [...new Set(connector.manifest.operations.map((op) => op.resource))];
    expect(sorted(resources)).toEqual(sorted(manifestResources));
    expect(names(resource?.options)).toEqual(sorted(names(resource?.options)));
    expect(names(resource?.options)).toEqual(
      // Singular, in title case, as n8n names resources (and its node linter asks).
      expect.arrayContaining(['Deal', 'Deal Product', 'Raw API Request']),
    );
    expect(names(resource?.options)).not.toContain('Api');
    expect(resource?.default).toBe('deals');
    for (const value of resources) {
      const operation = properties().find(
        (p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === value,
      );
      const listed = values(operation?.options);
      const own = connector.manifest.operations.filter((op) => op.resource === value).map((op) => op.name);
      expect(sorted(listed), value).toEqual(sorted(own));
      expect(names(operation?.options), value).toEqual(sorted(names(operation?.options)));
      expect(own, value).toContain(operation?.default);
    }
  });

  it("the trigger node's triggers are sorted too, and default to Updated deal", () => {
    const trigger = n8n.harness.nodeTypes
      .getByNameAndVersion(TRIGGER, 1)
      .description.properties.find((p) => p.name === 'trigger');
    expect(names(trigger?.options)).toEqual(sorted(names(trigger?.options)));
    expect(names(trigger?.options)).toHaveLength(connector.manifest.triggers.length);
    expect(trigger?.default).toBe('updated_deal');
  });

  it('the subtitles show titles, not raw names (issue 26): Add Deal, Updated Deal', () => {
    /** The expression inside n8n's `={{ ... }}`, evaluated with the node's parameters. */
    const subtitle = (node: string, parameters: Record<string, string>) => {
      const expression = n8n.harness.nodeTypes.getByNameAndVersion(node, 1).description.subtitle as string;
      const body = /^=\{\{(.*)\}\}$/s.exec(expression)?.[1] as string;
      return new Function('$parameter', `return (${body});`)(parameters) as string;
    };
    // The operation's title in n8n's title case, as the options list it.
    expect(subtitle(NODE, { operation: 'add_deal' })).toBe('Add Deal');
    expect(subtitle(NODE, { operation: 'list_deals' })).toBe(
      title(connector.manifest.operations.find((op) => op.name === 'list_deals')?.title as string),
    );
    expect(subtitle(TRIGGER, { trigger: 'updated_deal' })).toBe('Updated Deal');
    // A value the node does not list (an older workflow's) shows as it is.
    expect(subtitle(NODE, { operation: 'gone_operation' })).toBe('gone_operation');
  });
});

describe('resource locators', () => {
  it('search a dropdown (persons) and get its next page through the pagination token', async () => {
    const parameters = { resource: 'deals', operation: 'add_deal', title: 'x' };
    const first = await search('persons', parameters, 'Tamm');
    expect(first.results).toEqual([
      { name: 'Mari Tamm (mari.tamm@acme.example.ee)', value: 201 },
      { name: 'Jaan Tamm', value: 202 },
    ]);
    expect(first.paginationToken).toEqual(expect.any(String));
    const second = await search('persons', parameters, 'Tamm', first.paginationToken);
    expect(second).toEqual({ results: [{ name: 'Liis Tamm (liis@example.com)', value: 203 }] });
    expect(n8n.stub.requests.map(shape)).toEqual([
      {
        method: 'GET',
        path: '/api/v2/persons/search',
        query: { term: 'Tamm', fields: 'name,email', limit: '50' },
      },
      {
        method: 'GET',
        path: '/api/v2/persons/search',
        query: { term: 'Tamm', fields: 'name,email', limit: '50', cursor: 'p2' },
      },
    ]);
    expect(n8n.stub.requests.every((r) => r.headers['x-api-token'] === N8N_TOKEN)).toBe(true);
  });

  it('a dropdown that depends on another field (stages of the chosen pipeline, in Additional Fields)', async () => {
    const parameters = {
      resource: 'deals',
      operation: 'add_deal',
      title: 'x',
      additionalFields: { pipeline_id: { __rl: true, mode: 'list', value: 2 } },
    };
    const found = await search('stages', parameters);
    expect(found.results).toEqual([{ name: 'Proposal (Renewals)', value: 3 }]);
    expect(n8n.stub.requests.map(shape)).toContainEqual({
      method: 'GET',
      path: '/api/v2/stages',
      query: expect.objectContaining({ pipeline_id: '2' }),
    });
  });

  it('an ID typed "By ID" and a value chosen "From List" are sent as the field', async () => {
    const result = await runWorkflow(n8n.harness, [
      {
        type: NODE,
        credentials: API_CREDENTIAL,
        parameters: {
          resource: 'deals',
          operation: 'list_deals',
          returnAll: false,
          limit: 3,
          additionalFields: {
            person_id: { __rl: true, mode: 'id', value: '201' },
            pipeline_id: { __rl: true, mode: 'list', value: 2 },
          },
        },
      },
    ]);
    expect(result.error).toBeUndefined();
    expect(sent()).toEqual([
      { method: 'GET', path: '/api/v2/deals', query: { person_id: '201', pipeline_id: '2', limit: '3' } },
    ]);
  });
});

describe('lists: Return All / Limit, one item per record', () => {
  it('Limit 5 reads pages until it has 5 records, and gives 5 items', async () => {
    const result = await runWorkflow(n8n.harness, [
      {
        type: NODE,
        credentials: API_CREDENTIAL,
        parameters: { resource: 'deals', operation: 'list_deals', limit: 5 },
      },
    ]);
    expect(result.output['Node 0']?.map((item) => item.json.id)).toEqual([1, 2, 3, 4, 5]);
    expect(sent()).toEqual([
      { method: 'GET', path: '/api/v2/deals', query: { limit: '5' } },
      { method: 'GET', path: '/api/v2/deals', query: { limit: '2', cursor: '3' } },
    ]);
  });

  it('Return All follows the cursor to the last page', async () => {
    const result = await runWorkflow(n8n.harness, [
      {
        type: NODE,
        credentials: API_CREDENTIAL,
        parameters: { resource: 'deals', operation: 'list_deals', returnAll: true },
      },
    ]);
    expect(result.output['Node 0']?.map((item) => item.json.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(
      result.output['Node 0']?.every(
        (item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0,
      ),
    ).toBe(true);
    expect(sent()).toEqual([
      { method: 'GET', path: '/api/v2/deals', query: { limit: '500' } },
      { method: 'GET', path: '/api/v2/deals', query: { limit: '500', cursor: '3' } },
      { method: 'GET', path: '/api/v2/deals', query: { limit: '500', cursor: '6' } },
    ]);
  });
});

describe('dates', () => {
  it("a date picked in n8n (no zone) is the workflow's time zone; a date field is sent as YYYY-MM-DD", async () => {
    const result = await runWorkflow(
      n8n.harness,
      [
        {
          type: NODE,
          credentials: API_CREDENTIAL,
          parameters: {
            resource: 'deals',
            operation: 'list_deals',
            limit: 3,
            additionalFields: { updated_since: '2026-11-01T08:30:00', updated_until: '2026-11-20T12:00:00Z' },
          },
        },
      ],
      undefined,
      { timezone: 'Europe/Tallinn' },
    );
    expect(result.error).toBeUndefined();
    expect(sent()).toEqual([
      {
        method: 'GET',
        path: '/api/v2/deals',
        query: {
          updated_since: '2026-11-01T08:30:00+02:00',
          updated_until: '2026-11-20T12:00:00Z',
          limit: '3',
        },
      },
    ]);
  });
});

describe('colours', () => {
  it("a colour from n8n's picker (`#1a2b3c`) is sent as Pipedrive takes it, six hex digits", async () => {
    const result = await runWorkflow(n8n.harness, [
      {
        type: NODE,
        credentials: API_CREDENTIAL,
        parameters: {
          resource: 'activity_types',
          operation: 'add_activity_type',
          name: 'Site visit',
          icon_key: 'car',
          additionalFields: { color: '#1a2b3c' },
        },
      },
    ]);
    expect(result.error).toBeUndefined();
    expect(n8n.stub.requests.map((r) => ({ method: r.method, path: r.path, body: r.body }))).toEqual([
      {
        method: 'POST',
        path: '/v1/activityTypes',
        body: { name: 'Site visit', icon_key: 'car', color: '1a2b3c' },
      },
    ]);
    const properties = n8n.harness.nodeTypes.getByNameAndVersion(NODE, 1).description.properties;
    const color = properties
      .find(
        (p) =>
          p.name === 'additionalFields' && p.displayOptions?.show?.operation?.[0] === 'add_activity_type',
      )
      ?.options?.find((o) => 'name' in o && o.name === 'color');
    expect(color).toMatchObject({ type: 'color' });
  });
});

describe('errors: n8n errors carrying the connector code, per item, with Continue On Fail', () => {
  const getDeal = (id: number | string) => ({ json: { id } });
  const spec = (continueOnFail: boolean) => ({
    type: NODE,
    credentials: API_CREDENTIAL,
    continueOnFail,
    parameters: { resource: 'deals', operation: 'get_deal', id: '={{ $json.id }}' },
  });

  it('without Continue On Fail: the run fails with a NodeApiError (code, status, Pipedrive message)', async () => {
    const result = await runWorkflow(n8n.harness, [spec(false)], [getDeal(101), getDeal(999)]);
    expect(result.error?.name).toBe('NodeApiError');
    expect(result.error?.message).toContain('Deal not found');
    expect(result.error).toMatchObject({ httpCode: '404', context: { code: 'not_found', itemIndex: 1 } });
    expect(JSON.stringify(result.run)).not.toContain(N8N_TOKEN);
  });

  it('with Continue On Fail: the failed item carries the error, the others their record', async () => {
    const result = await runWorkflow(n8n.harness, [spec(true)], [getDeal(101), getDeal(999), getDeal(102)]);
    expect(result.error).toBeUndefined();
    const items = result.output['Node 0'] ?? [];
    expect(items.map((item) => item.json.id ?? null)).toEqual([101, null, 102]);
    expect(items[1]?.json.error).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('Deal not found'),
    });
    expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
  });

  it('bad input is a NodeOperationError naming the field, and nothing is sent', async () => {
    const result = await runWorkflow(n8n.harness, [
      {
        type: NODE,
        credentials: API_CREDENTIAL,
        parameters: { resource: 'deals', operation: 'get_deal', id: 'abc' },
      },
    ]);
    expect(result.error?.name).toBe('NodeOperationError');
    expect(result.error).toMatchObject({ context: { code: 'invalid_input' } });
    expect(result.error?.description).toContain('id');
    expect(n8n.stub.requests).toEqual([]);
  });

  it("an operation the node does not know (an older workflow's) is n8n's NodeOperationError, not a plain Error", async () => {
    const result = await runWorkflow(n8n.harness, [
      {
        type: NODE,
        credentials: API_CREDENTIAL,
        parameters: { resource: 'deals', operation: 'gone_operation' },
      },
    ]);
    expect(result.error?.name).toBe('NodeOperationError');
    expect(result.error?.message).toBe('Unknown operation "gone_operation"');
    expect(n8n.stub.requests).toEqual([]);
  });

  it('invalid JSON in a JSON field is refused before anything is sent', async () => {
    const result = await runWorkflow(n8n.harness, [
      {
        type: NODE,
        credentials: API_CREDENTIAL,
        parameters: {
          resource: 'deals',
          operation: 'add_deal',
          title: 'x',
          additionalFields: { custom_fields: '{oops' },
        },
      },
    ]);
    expect(result.error?.name).toBe('NodeOperationError');
    expect(result.error?.description).toBe('custom_fields: is not valid JSON');
    expect(n8n.stub.requests).toEqual([]);
  });
});

describe('raw answers', () => {
  it("api_request's answer is redacted: no secret in the item or the run (issue 21)", async () => {
    const result = await runWorkflow(n8n.harness, [
      {
        type: NODE,
        credentials: API_CREDENTIAL,
        parameters: { resource: 'api', operation: 'api_request', method: 'GET', path: '/v1/webhooks' },
      },
    ]);
    expect(result.error).toBeUndefined();
    const run = JSON.stringify(result.run);
    for (const secret of webhooksWithSecrets().secrets) expect(run).not.toContain(secret);
    expect(JSON.stringify(result.output['Node 0']?.[0]?.json)).toContain('"http_auth_password":"[redacted]"');
  });
});

describe('OAuth2: the token api_domain, and a refresh by n8n when Pipedrive answers 401', () => {
  let server: Server;
  let url: string;
  const seen: { path: string; authorization?: string; body?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        seen.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
        res.setHeader('content-type', 'application/json');
        if (req.url === '/oauth/token') {
          res.end(
            JSON.stringify({
              access_token: N8N_FRESH_TOKEN,
              refresh_token: N8N_REFRESH_TOKEN,
              token_type: 'Bearer',
              expires_in: 3599,
              api_domain: url,
            }),
          );
        } else if (req.headers.authorization !== `Bearer ${N8N_FRESH_TOKEN}`) {
          res.statusCode = 401;
          res.end(JSON.stringify({ success: false, error: 'unauthorized access' }));
        } else {
          res.end(JSON.stringify({ success: true, data: deal(101) }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    seen.length = 0;
  });

  /** get_deal 101 with the OAuth2 credential whose token data says `api_domain` (and the access token). */
  const runWithApiDomain = (apiDomain: string, accessToken = N8N_FRESH_TOKEN) => {
    n8n.harness.credentials.store.set('pipedriveConnectorOAuth2Api', {
      clientId: 'client-1',
      clientSecret: N8N_CLIENT_SECRET,
      accessTokenUrl: `${url}/oauth/token`,
      oauthTokenData: { access_token: accessToken, refresh_token: N8N_REFRESH_TOKEN, api_domain: apiDomain },
    });
    return runWorkflow(n8n.harness, [
      {
        type: NODE,
        credentials: { pipedriveConnectorOAuth2Api: { id: 'cred-2', name: 'Pipedrive OAuth' } },
        parameters: {
          authentication: 'oAuth2',
          resource: 'deals',
          operation: 'get_deal',
          id: 101,
          additionalFields: { custom_fields_by_name: false },
        },
      },
    ]);
  };

  it('an api_domain that is not https://<company>.pipedrive.com (nor PIPEDRIVE_API_URL) gets no token (issue 21)', async () => {
    // The stand-in answers for any token; PIPEDRIVE_API_URL names another address (the stub).
    for (const apiDomain of [url, url.replace('127.0.0.1', 'localhost'), 'http://acme.pipedrive.com']) {
      const result = await runWithApiDomain(apiDomain);
      expect(result.error?.message, apiDomain).toContain('api_domain');
      expect(JSON.stringify(result.run)).not.toContain(N8N_FRESH_TOKEN);
    }
    expect(seen).toEqual([]);
    // The configured API base (a sandbox, a stand-in) is allowed.
    process.env.PIPEDRIVE_API_URL = url;
    try {
      const result = await runWithApiDomain(url);
      expect(result.error).toBeUndefined();
      expect(seen.map((s) => s.path)).toEqual(['/api/v2/deals/101']);
    } finally {
      process.env.PIPEDRIVE_API_URL = n8n.stub.url;
    }
  });

  it('an expired access token is refreshed once by n8n, stored, and the call made again', async () => {
    // The stand-in is the configured API base: its plain-http api_domain is allowed.
    process.env.PIPEDRIVE_API_URL = url;
    onTestFinished(() => {
      process.env.PIPEDRIVE_API_URL = n8n.stub.url;
    });
    const result = await runWithApiDomain(url, N8N_ACCESS_TOKEN);
    expect(result.error).toBeUndefined();
    expect(result.output['Node 0']?.[0]?.json.id).toBe(101);
    const calls = seen.map((s) => `${s.path} ${s.authorization?.split(' ')[0] ?? ''}`);
    // The connector's call (401), n8n's request (401), n8n's refresh, n8n's request again, the connector again.
    expect(calls).toEqual([
      '/api/v2/deals/101 Bearer',
      '/v1/users/me Bearer',
      '/oauth/token Basic',
      '/v1/users/me Bearer',
      '/api/v2/deals/101 Bearer',
    ]);
    expect(seen[2]?.body).toContain('grant_type=refresh_token');
    expect(seen[4]?.authorization).toBe(`Bearer ${N8N_FRESH_TOKEN}`);
    expect(n8n.harness.credentials.tokenUpdates).toHaveLength(1);
    expect(n8n.harness.credentials.store.get('pipedriveConnectorOAuth2Api')?.oauthTokenData).toMatchObject({
      access_token: N8N_FRESH_TOKEN,
    });
    const run = JSON.stringify(result.run);
    for (const secret of [N8N_ACCESS_TOKEN, N8N_FRESH_TOKEN, N8N_REFRESH_TOKEN, N8N_CLIENT_SECRET]) {
      expect(run).not.toContain(secret);
    }
  });
});
