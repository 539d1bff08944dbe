/**
 * The records family's own refusals: rules across fields that no field's schema says (a merge into itself, half
 * a goal period), refused as `invalid_input` naming the field before anything is sent; and the dropdowns of its
 * inputs in the manifest.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { buildConnectorManifest } from '../../connector.js';
import connector from '../../index.js';
import type { ConnectorError } from '../../runtime/errors.js';
import type { JsonSchema } from '../../runtime/json-schema.js';
import { API, tokenCtx } from '../helpers/context.js';

/** The error of a call that must be refused, with the Pipedrive it would have reached. */
async function refusal(op: string, input: Record<string, unknown>): Promise<ConnectorError> {
  let sent = 0;
  const pipedrive = nock(API).persist();
  for (const method of ['GET', 'POST', 'PUT', 'DELETE'])
    pipedrive
      .intercept(/.*/, method)
      .query(true)
      .reply(() => {
        sent += 1;
        return [200, { success: true, data: null }];
      });
  const error = await connector.execute(op, input, tokenCtx()).then(
    () => {
      throw new Error(`${op} was not refused`);
    },
    (e: unknown) => e as ConnectorError,
  );
  expect(sent, `${op} sent a request`).toBe(0);
  return error;
}

describe('merging a record into itself', () => {
  it.each([
    ['merge_deals', 'deal', { id: 101, merge_with_id: 101 }],
    ['merge_persons', 'person', { id: 201, merge_with_id: '201' }],
    ['merge_organizations', 'organization', { id: '301', merge_with_id: 301 }],
  ])('%s is refused naming merge_with_id, nothing sent', async (op, entity, input) => {
    const error = await refusal(op, input);
    expect(error.code).toBe('invalid_input');
    expect(error.details.issues).toEqual([
      { path: 'merge_with_id', message: `is the same as id: a ${entity} cannot be merged into itself` },
    ]);
    expect(error.message).toContain('merge_with_id');
  });

  it('the v4.2 name refuses it too', async () => {
    const error = await refusal('merge_with_person_id', { id: 7, merge_with_id: 7 });
    expect(error.code).toBe('invalid_input');
    expect(error.details.issues?.map((i) => i.path)).toEqual(['merge_with_id']);
  });

  it('a field at fault on its own is named first, without the merge rule', async () => {
    const error = await refusal('merge_deals', { id: 'first', merge_with_id: 'first' });
    expect(error.details.issues?.map((i) => i.path)).toEqual(['id', 'merge_with_id']);
    expect(error.message).not.toContain('itself');
  });
});

describe('relating an organization to itself', () => {
  it.each([
    ['add_organization_relationship', { type: 'parent', rel_owner_org_id: 301, rel_linked_org_id: '301' }],
    ['update_organization_relationship', { id: 31, rel_owner_org_id: '302', rel_linked_org_id: 302 }],
  ])('%s is refused naming rel_linked_org_id, nothing sent', async (op, input) => {
    const error = await refusal(op, input);
    expect(error.code).toBe('invalid_input');
    expect(error.details.issues).toEqual([
      {
        path: 'rel_linked_org_id',
        message: 'is the same as rel_owner_org_id: an organization cannot be related to itself',
      },
    ]);
  });

  it('an update giving one end only is sent: Pipedrive knows the other', async () => {
    const scope = nock(API)
      .put('/v1/organizationRelationships/31', { rel_linked_org_id: 302 })
      .reply(200, { success: true, data: null });
    await connector.execute(
      'update_organization_relationship',
      { id: 31, rel_linked_org_id: 302 },
      tokenCtx(),
    );
    scope.done();
  });
});

describe('list_goals: a period has both ends', () => {
  it.each([
    [{ 'period.start': '2027-01-01' }, 'period.end'],
    [{ 'period.end': '2027-03-31', title: 'Calls' }, 'period.start'],
  ])('%o is refused naming %s, nothing sent', async (input, field) => {
    const error = await refusal('list_goals', input);
    expect(error.code).toBe('invalid_input');
    expect(error.details.issues).toEqual([
      { path: field, message: 'is required with the other end of the period' },
    ]);
  });

  it('get_goal_result requires both ends, as its document does', async () => {
    const error = await refusal('get_goal_result', {
      id: '5665cef556ddff22606fc8f6c0004807',
      'period.start': '2027-01-01',
    });
    expect(error.details.issues).toEqual([{ path: 'period.end', message: 'is required' }]);
  });
});

type Node = JsonSchema & { properties?: Record<string, Node>; items?: Node; anyOf?: Node[] };

describe('dropdowns of the records family', () => {
  const manifest = buildConnectorManifest();
  const inputOf = (name: string) =>
    manifest.operations.find((op) => op.name === name)?.input_schema.properties as Record<string, Node>;
  const lookupOf = (node: Node | undefined) => node?.['x-lookup'];

  it('the records an operation is about, and the merge target, pick from their lists', () => {
    expect(lookupOf(inputOf('merge_deals').id)).toEqual({ lookup: 'deals' });
    expect(lookupOf(inputOf('merge_deals').merge_with_id)).toEqual({ lookup: 'deals' });
    expect(lookupOf(inputOf('merge_persons').merge_with_id)).toEqual({ lookup: 'persons' });
    expect(lookupOf(inputOf('merge_organizations').merge_with_id)).toEqual({ lookup: 'organizations' });
    expect(lookupOf(inputOf('get_person_updates').id)).toEqual({ lookup: 'persons' });
    expect(lookupOf(inputOf('get_product_deals').id)).toEqual({ lookup: 'products' });
    expect(lookupOf(inputOf('get_lead_permitted_users').id)).toEqual({ lookup: 'leads' });
    expect(lookupOf(inputOf('get_pipeline_movement_statistics').id)).toEqual({ lookup: 'pipelines' });
    expect(lookupOf(inputOf('get_pipeline_movement_statistics').user_id)).toEqual({ lookup: 'users' });
    expect(lookupOf(inputOf('add_deal_participant').person_id)).toEqual({ lookup: 'persons' });
    expect(lookupOf(inputOf('get_deals_timeline').totals_convert_currency)).toEqual({ lookup: 'currencies' });
    expect(lookupOf(inputOf('add_organization_relationship').rel_linked_org_id)).toEqual({
      lookup: 'organizations',
    });
    expect(lookupOf(inputOf('update_organization_relationship').id)).toEqual({
      lookup: 'organization_relationships',
      dependsOn: ['org_id'],
    });
    expect(lookupOf(inputOf('delete_deal_participant').deal_participant_id)).toEqual({
      lookup: 'deal_participants',
      dependsOn: ['id'],
    });
    for (const op of ['update_goal', 'delete_goal', 'get_goal_result']) {
      expect(lookupOf(inputOf(op).id), op).toEqual({ lookup: 'goals' });
    }
  });

  it("a goal's nested fields pick users, stages, currencies; its lists of IDs pick each item", () => {
    const body = inputOf('add_goal');
    const params = body.type?.properties?.params?.properties ?? {};
    const list = (node: Node | undefined) => node?.anyOf?.find((s) => s.type === 'array') ?? node;
    expect(lookupOf(list(params.pipeline_id))).toBeUndefined();
    expect(lookupOf(list(params.pipeline_id)?.items)).toEqual({ lookup: 'pipelines' });
    expect(lookupOf(list(params.activity_type_id)?.items)).toEqual({ lookup: 'activity_type_ids' });
    expect(lookupOf(params.stage_id)).toEqual({ lookup: 'stages' });
    expect(lookupOf(body.assignee?.properties?.id)).toEqual({ lookup: 'users' });
    expect(lookupOf(body.expected_outcome?.properties?.currency_id)).toEqual({ lookup: 'currency_ids' });
    const query = inputOf('list_goals');
    expect(lookupOf(query['type.params.pipeline_id'])).toBeUndefined();
    expect(lookupOf(query['type.params.pipeline_id']?.items)).toEqual({ lookup: 'pipelines' });
    expect(lookupOf(query['assignee.id'])).toEqual({ lookup: 'users' });
  });

  it('labelled options for the kinds of goals, assignees, metrics and intervals', () => {
    const body = inputOf('add_goal');
    const consts = (node: Node | undefined) => (node?.oneOf as Node[] | undefined)?.map((o) => o.const);
    expect(consts(body.type?.properties?.name)).toEqual([
      'deals_won',
      'deals_progressed',
      'activities_completed',
      'activities_added',
      'deals_started',
      'revenue_forecast',
    ]);
    expect(consts(body.assignee?.properties?.type)).toEqual(['person', 'company', 'team']);
    expect(consts(body.expected_outcome?.properties?.tracking_metric)).toEqual(['quantity', 'sum']);
    expect(consts(body.interval)).toEqual(['weekly', 'monthly', 'quarterly', 'yearly']);
    expect(body.duration?.properties?.start).toMatchObject({ type: 'string', format: 'date' });
  });
});
