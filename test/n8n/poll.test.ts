/**
 * The polling trigger node in n8n's engine (n8n-core's poll context, called as n8n's poller calls it), against a
 * local stand-in for Pipedrive's `GET /api/v2/deals`: it fires once per new deal, nothing old on enabling.
 */

import { beforeEach, describe, expect, it } from 'vitest';
import type { IDataObject } from '../../adapters/n8n/engine-types.js';
import type { StubRequest } from '../helpers/pipedrive-stub.js';
import { pollerOf } from './harness.js';
import { API_CREDENTIAL, N8N_TOKEN, POLL_TRIGGER, setUpN8nTests } from './setup.js';

let deals: Array<{ id: number; title: string; add_time: string; update_time: string }> = [];

const ago = (seconds: number) =>
  new Date(Date.now() - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

const n8n = setUpN8nTests(() => [
  {
    method: 'GET',
    path: '/api/v2/deals',
    reply: (r: StubRequest) => ({
      success: true,
      data: deals.filter(
        (d) => !r.query.updated_since || Date.parse(d.update_time) >= Date.parse(r.query.updated_since),
      ),
      additional_data: { next_cursor: null },
    }),
  },
]);

beforeEach(() => {
  deals = [];
});

const spec = { type: POLL_TRIGGER, credentials: API_CREDENTIAL, parameters: { trigger: 'new_deal' } };

describe('Pipedrive Connector Poll Trigger', () => {
  it('fires once per new deal, nothing that existed when it was enabled', async () => {
    deals = [{ id: 1, title: 'Old', add_time: ago(3600), update_time: ago(60) }];
    const staticData: IDataObject = {};
    const poller = pollerOf(n8n.harness, spec, staticData);
    expect(await poller.poll()).toBeNull();
    expect(poller.nodeState()).toMatchObject({ poll: { trigger: 'new_deal', mode: 'changes' } });

    deals.push({ id: 2, title: 'New', add_time: ago(0), update_time: ago(0) });
    const fired = await poller.poll();
    expect(fired?.[0]?.map((item) => [item.json.entity_id, item.json.action])).toEqual([[2, 'create']]);
    expect(await poller.poll()).toBeNull();

    deals.push({ id: 3, title: 'Newer', add_time: ago(0), update_time: ago(0) });
    expect((await poller.poll())?.[0]?.map((item) => item.json.entity_id)).toEqual([3]);

    const request = n8n.stub.requests.find((r) => r.path === '/api/v2/deals');
    expect(request?.headers['x-api-token']).toBe(N8N_TOKEN);
    expect(request?.query).toMatchObject({ sort_by: 'update_time', sort_direction: 'asc', limit: '500' });
  });

  it('a manual test shows the newest deal and leaves the active state alone', async () => {
    deals = [{ id: 7, title: 'Latest', add_time: ago(30), update_time: ago(30) }];
    const staticData: IDataObject = {};
    const poller = pollerOf(n8n.harness, spec, staticData);
    const shown = await poller.poll('manual');
    expect(shown?.[0]?.map((item) => item.json.entity_id)).toEqual([7]);
    expect(poller.nodeState()?.poll).toBeUndefined();
  });
});
