import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import connector from '../../index.js';
import { ConnectorError } from '../../runtime/errors.js';
import { fitsOutput } from '../../runtime/output-check.js';
import { findTrigger, triggers } from '../../triggers/catalog.js';
import {
  hasCredentials,
  newCredentials,
  normalize,
  parsePayload,
  payloadSchema,
  skipReason,
} from '../../triggers/delivery.js';
import { judgeDelivery, type SubscriptionState } from '../../triggers/index.js';
import { basic, v2Payload } from '../fixtures/webhooks.js';

const state = (trigger: string, input: Record<string, unknown> = {}): SubscriptionState => ({
  trigger,
  input: { ignore_own_changes: false, ...input },
  webhook_id: 4201,
  event_action: 'change',
  event_object: 'deal',
  callback_url: 'https://hooks.example.com/webhooks/pipedrive/s1',
  http_auth_user: 'pdc_user_0123456789abcdef',
  http_auth_password: 'password-0123456789-abcdefghijklmnop',
  user_id: 11,
});

const auth = (s: SubscriptionState) => ({ authorization: basic(s.http_auth_user, s.http_auth_password) });

function verdict(trigger: string, payload: unknown, input: Record<string, unknown> = {}) {
  const s = state(trigger, input);
  return judgeDelivery(s, { headers: auth(s), body: payload });
}

describe('delivery credentials', () => {
  const creds = newCredentials();

  it('generates long random credentials, different every time', () => {
    const other = newCredentials();
    expect(creds.http_auth_user.length).toBeGreaterThanOrEqual(16);
    expect(creds.http_auth_password.length).toBeGreaterThanOrEqual(16);
    expect(other.http_auth_user).not.toBe(creds.http_auth_user);
    expect(other.http_auth_password).not.toBe(creds.http_auth_password);
  });

  it('accepts only the exact Basic credentials', () => {
    expect(hasCredentials(basic(creds.http_auth_user, creds.http_auth_password), creds)).toBe(true);
    expect(hasCredentials(basic(creds.http_auth_user, `${creds.http_auth_password}x`), creds)).toBe(false);
    expect(hasCredentials(basic(creds.http_auth_user, creds.http_auth_password.slice(0, -1)), creds)).toBe(
      false,
    );
    expect(hasCredentials(basic('someone', creds.http_auth_password), creds)).toBe(false);
    expect(hasCredentials(undefined, creds)).toBe(false);
    expect(hasCredentials('Bearer abc', creds)).toBe(false);
    expect(hasCredentials(`Basic ${'A'.repeat(5000)}`, creds)).toBe(false);
  });

  it('refuses a delivery without credentials with unauthorized', () => {
    const s = state('updated_deal');
    const error = (() => {
      try {
        judgeDelivery(s, { headers: {}, body: v2Payload({ action: 'change' }) });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('unauthorized');
  });
});

describe('payload parsing and normalization', () => {
  it('normalizes a create: string IDs become numbers, data kept, no previous', () => {
    const payload = v2Payload({
      action: 'create',
      id: 'e-1',
      entityId: 101,
      meta: { timestamp: '2026-11-20T09:30:00.000Z' },
    });
    const event = normalize(parsePayload(JSON.stringify(payload)));
    expect(event).toMatchObject({
      event_id: 'e-1',
      action: 'create',
      object: 'deal',
      entity_id: 101,
      user_id: 11,
      company_id: 7001,
      webhook_id: 4201,
      change_source: 'app',
      attempt: 1,
      is_bulk_edit: false,
      timestamp: '2026-11-20T09:30:00.000Z',
      previous: null,
      changed_fields: [],
    });
    expect(event.data).toMatchObject({ id: 101, title: 'Acme renewal 2026' });
  });

  it('lists changed fields of a change, custom fields by key', () => {
    const event = normalize(
      parsePayload(
        v2Payload({
          action: 'change',
          previous: { stage_id: 2, custom_fields: { '5b8a1f0e': 'Basic' } },
        }),
      ),
    );
    expect(event.changed_fields).toEqual(['stage_id', 'custom_fields.5b8a1f0e']);
  });

  it('keeps the last state of a delete in previous, with data null, and merge IDs', () => {
    const event = normalize(parsePayload(v2Payload({ action: 'delete', meta: { merged_to_id: '102' } })));
    expect(event.data).toBeNull();
    expect(event.previous).toMatchObject({ id: 101 });
    expect(event.merged_to_id).toBe(102);
  });

  it('keeps a timestamp beyond the dates JavaScript has as sent, instead of throwing (found by the fuzz test)', () => {
    for (const timestamp of [-8640000000000.001, 1e300]) {
      const event = normalize(parsePayload(v2Payload({ meta: { timestamp } })));
      expect(event.timestamp).toBe(String(timestamp));
    }
  });

  it('keeps lead UUIDs as strings and reads a seconds timestamp', () => {
    const lead = 'adf21080-0e10-11eb-879b-05d71fb426ec';
    const event = normalize(
      parsePayload(v2Payload({ entity: 'lead', entityId: lead, meta: { timestamp: 1795440000 } })),
    );
    expect(event.entity_id).toBe(lead);
    expect(event.timestamp).toBe(new Date(1795440000 * 1000).toISOString());
  });

  it.each([
    ['not JSON', '{"meta":'],
    [
      'a v1 payload',
      { v: 1, meta: { v: 1, action: 'added', object: 'deal', id: 1 }, current: {}, previous: null },
    ],
    ['no meta', { data: {} }],
    ['a JSON array', '[1,2]'],
  ])('refuses %s with invalid_input', (_what, body) => {
    expect(() => parsePayload(body)).toThrowError(ConnectorError);
  });

  it.each([
    ['"2.0"', '2.0', true],
    ['"2"', '2', true],
    ['2', 2, true],
    ['2.1', 2.1, true],
    ['"1.0"', '1.0', false],
    ['1', 1, false],
    ['"20"', '20', false],
    ['20', 20, false],
    ['""', '', false],
    ['null', null, false],
  ])('meta.version %s: accepted %s', (_label, version, accepted) => {
    const payload = v2Payload();
    const body = { ...payload, meta: { ...payload.meta, version } };
    if (accepted) expect(parsePayload(body).meta.version).toBe(version);
    else expect(() => parsePayload(body)).toThrowError(/meta\.version/);
  });

  it("the compiled fast check accepts exactly the payloads zod's schema accepts", () => {
    const keys = ['meta', 'data', 'previous', 'extra'];
    const metaKeys = [...Object.keys(v2Payload().meta), 'merged_to_id', 'unknown'];
    const odd = fc.constantFrom<unknown>(null, undefined, '', 'x', '2.0', 0, 2, -1, 1.5, true, [], {}, [1], {
      a: 1,
    });
    const payloads = fc
      .record({
        top: fc.option(fc.tuple(fc.constantFrom(...keys), odd)),
        meta: fc.array(fc.tuple(fc.constantFrom(...metaKeys), odd), { maxLength: 3 }),
      })
      .map(({ top, meta }) => {
        const payload: Record<string, unknown> = structuredClone(v2Payload({ action: 'change' }));
        const m = payload.meta as Record<string, unknown>;
        for (const [key, value] of meta) m[key] = value;
        if (top) payload[top[0]] = top[1];
        return payload;
      });
    let refused = 0;
    fc.assert(
      fc.property(fc.oneof(payloads, fc.jsonValue({ maxDepth: 3 })), (value) => {
        const expected = payloadSchema.safeParse(value).success;
        if (!expected) refused += 1;
        expect(fitsOutput(payloadSchema, value)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
    expect(refused).toBeGreaterThan(100);
  });

  it("refuses a payload of another subscription's webhook", () => {
    expect(() => verdict('updated_deal', v2Payload({ action: 'change', webhookId: 9999 }))).toThrowError(
      /another webhook/,
    );
  });
});

describe('trigger filters', () => {
  it('a preset takes only its action and object', () => {
    expect(verdict('new_deal', v2Payload({ action: 'create' })).skip).toBeNull();
    expect(verdict('new_deal', v2Payload({ action: 'change' })).skip).toMatch(/action change/);
    expect(verdict('new_deal', v2Payload({ action: 'create', entity: 'person' })).skip).toMatch(
      /object person/,
    );
  });

  it('the generic trigger follows its input, with wildcards', () => {
    const any = { event_action: '*', event_object: '*' };
    expect(verdict('pipedrive_event', v2Payload({ action: 'delete', entity: 'note' }), any).skip).toBeNull();
    const deals = { event_action: 'change', event_object: 'deal' };
    expect(verdict('pipedrive_event', v2Payload({ action: 'change' }), deals).skip).toBeNull();
    expect(
      verdict('pipedrive_event', v2Payload({ action: 'change', entity: 'person' }), deals).skip,
    ).not.toBeNull();
  });

  it('fields_to_watch fires only when a watched field changed (custom fields by key too)', () => {
    const watch = { fields_to_watch: ['stage_id', '5b8a1f0e'] };
    const stage = v2Payload({ action: 'change', previous: { stage_id: 2 } });
    const value = v2Payload({ action: 'change', previous: { value: 1 } });
    const custom = v2Payload({ action: 'change', previous: { custom_fields: { '5b8a1f0e': null } } });
    expect(verdict('updated_deal', stage, watch).skip).toBeNull();
    expect(verdict('updated_deal', custom, watch).skip).toBeNull();
    expect(verdict('updated_deal', value, watch).skip).toMatch(/none of the watched fields/);
  });

  it('ignore_own_changes drops API changes by the connection user only', () => {
    const on = { ignore_own_changes: true };
    expect(
      verdict('updated_deal', v2Payload({ action: 'change', changeSource: 'api', userId: 11 }), on).skip,
    ).toMatch(/own user/);
    expect(
      verdict('updated_deal', v2Payload({ action: 'change', changeSource: 'app', userId: 11 }), on).skip,
    ).toBeNull();
    expect(
      verdict('updated_deal', v2Payload({ action: 'change', changeSource: 'api', userId: 12 }), on).skip,
    ).toBeNull();
    expect(
      verdict('updated_deal', v2Payload({ action: 'change', changeSource: 'api', userId: 11 }), {}).skip,
    ).toBeNull();
  });

  it('deal_won and deal_lost fire on the status change only', () => {
    const won = v2Payload({ action: 'change', data: { id: 1, status: 'won' }, previous: { status: 'open' } });
    const otherChange = v2Payload({
      action: 'change',
      data: { id: 1, status: 'won' },
      previous: { value: 3 },
    });
    expect(verdict('deal_won', won).skip).toBeNull();
    expect(verdict('deal_won', otherChange).skip).toMatch(/status did not change/);
    expect(verdict('deal_lost', won).skip).toMatch(/not lost/);
  });

  it('deal_stage_changed fires on a stage change, optionally for one pipeline and stage', () => {
    const moved = v2Payload({
      action: 'change',
      data: { id: 1, stage_id: 4, pipeline_id: 2 },
      previous: { stage_id: 3 },
    });
    expect(verdict('deal_stage_changed', moved).skip).toBeNull();
    expect(verdict('deal_stage_changed', moved, { pipeline_id: 2, stage_id: 4 }).skip).toBeNull();
    expect(verdict('deal_stage_changed', moved, { pipeline_id: 1 }).skip).toMatch(/pipeline 2/);
    expect(verdict('deal_stage_changed', moved, { stage_id: 5 }).skip).toMatch(/stage 4/);
    const notMoved = v2Payload({ action: 'change', previous: { title: 'x' } });
    expect(verdict('deal_stage_changed', notMoved).skip).toMatch(/stage did not change/);
  });
});

describe('the trigger catalog', () => {
  it('has the generic trigger and every preset the issue lists', () => {
    expect(triggers.map((t) => t.name).sort()).toEqual(
      [
        'pipedrive_event',
        'new_activity',
        'new_deal',
        'new_organization',
        'new_person',
        'new_lead',
        'new_note',
        'updated_activity',
        'updated_deal',
        'updated_organization',
        'updated_person',
        'updated_lead',
        'deleted_deal',
        'deleted_person',
        'deleted_organization',
        'deal_stage_changed',
        'deal_won',
        'deal_lost',
        // Webhooks v2's newer objects (issue 23).
        ...['project', 'task', 'board', 'phase', 'deal_product', 'deal_installment'].flatMap((o) => [
          `new_${o}`,
          `updated_${o}`,
          `deleted_${o}`,
        ]),
      ].sort(),
    );
  });

  it('the presets of the newer objects listen to their object, describe its record, and are titled for people', () => {
    const entry = (name: string) =>
      connector.manifest.triggers.find((t) => t.name === name) as unknown as {
        title: string;
        description: string;
        event_action: string;
        event_object: string;
        output_schema: { properties: { data: { anyOf: { properties?: Record<string, unknown> }[] } } };
      };
    expect(entry('new_task')).toMatchObject({
      title: 'New project task',
      description: 'Starts a workflow when a project task is added in Pipedrive.',
      event_action: 'create',
      event_object: 'task',
    });
    expect(entry('deleted_deal_installment')).toMatchObject({
      event_action: 'delete',
      event_object: 'deal_installment',
    });
    expect(entry('new_activity').description).toBe(
      'Starts a workflow when an activity is added in Pipedrive.',
    );
    const fields = (name: string) =>
      Object.keys(
        entry(name).output_schema.properties.data.anyOf.find((s) => s.properties)?.properties ?? {},
      );
    expect(fields('updated_project')).toEqual(expect.arrayContaining(['board_id', 'phase_id', 'deal_ids']));
    expect(fields('new_task')).toEqual(expect.arrayContaining(['project_id', 'assignee_ids', 'is_done']));
    expect(fields('new_board')).toEqual(expect.arrayContaining(['name', 'order_nr']));
    expect(fields('new_phase')).toEqual(expect.arrayContaining(['board_id']));
    expect(fields('updated_deal_product')).toEqual(
      expect.arrayContaining(['deal_id', 'product_id', 'quantity']),
    );
    expect(fields('new_deal_installment')).toEqual(
      expect.arrayContaining(['deal_id', 'amount', 'billing_date']),
    );
  });

  it.each(['project', 'task', 'board', 'phase', 'deal_product', 'deal_installment'])(
    'a %s delivery reaches its presets and the generic trigger',
    (object) => {
      const created = v2Payload({ action: 'create', entity: object, data: { id: 7 } });
      expect(verdict(`new_${object}`, created).skip).toBeNull();
      expect(verdict(`updated_${object}`, created).skip).toMatch(/action create/);
      expect(verdict('new_deal', created).skip).toMatch(new RegExp(`object ${object}`));
      const generic = { event_action: 'create', event_object: object };
      expect(verdict('pipedrive_event', created, generic).skip).toBeNull();
      const deleted = v2Payload({ action: 'delete', entity: object, previous: { id: 7 } });
      expect(verdict(`deleted_${object}`, deleted).skip).toBeNull();
    },
  );

  it('trigger options that pick a record are dropdowns, as in operation inputs', () => {
    const entry = connector.manifest.triggers.find((t) => t.name === 'deal_stage_changed') as unknown as {
      input_schema: { properties: Record<string, Record<string, unknown>> };
    };
    expect(entry.input_schema.properties.pipeline_id?.['x-lookup']).toEqual({ lookup: 'pipelines' });
    expect(entry.input_schema.properties.stage_id?.['x-lookup']).toEqual({
      lookup: 'stages',
      dependsOn: ['pipeline_id'],
    });
  });

  it.each(triggers.map((t) => [t.name, t] as const))('%s: its sample matches its output schema', (_n, t) => {
    expect(t.output.safeParse(t.sample).success).toBe(true);
  });

  it('lists the triggers in the manifest with schemas and samples', () => {
    const entry = connector.manifest.triggers.find((t) => t.name === 'updated_deal') as unknown as {
      input_schema: { properties: Record<string, unknown> };
      output_schema: { properties: Record<string, unknown> };
      event_action: string;
      event_object: string;
    };
    expect(entry.event_action).toBe('change');
    expect(entry.event_object).toBe('deal');
    expect(Object.keys(entry.input_schema.properties)).toEqual(['ignore_own_changes', 'fields_to_watch']);
    expect(entry.output_schema.properties).toHaveProperty('changed_fields');
    expect(findTrigger('new_deal')?.input.shape).not.toHaveProperty('fields_to_watch');
  });

  it('skipReason is used by receive: filtered and duplicate events give no event', async () => {
    const s = state('updated_deal', { fields_to_watch: ['stage_id'] });
    const headers = auth(s);
    const hit = v2Payload({ action: 'change', previous: { stage_id: 1 } });
    const miss = v2Payload({ action: 'change', previous: { value: 1 } });
    expect(await connector.triggers.receive(s, { headers, body: hit })).toHaveLength(1);
    expect(
      await connector.triggers.receive(s, { headers, body: { ...hit, meta: { ...hit.meta, attempt: 2 } } }),
    ).toEqual([]);
    expect(await connector.triggers.receive(s, { headers, body: miss })).toEqual([]);
    const trigger = findTrigger('updated_deal');
    expect(trigger && skipReason(trigger, s.input, normalize(parsePayload(miss)))).toMatch(/watched/);
  });
});
