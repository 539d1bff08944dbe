/**
 * The field and filter operations' own refusals: bad input is named field by field and nothing is sent to
 * Pipedrive (the exact requests of good input are in cases/fields.ts and cases/filters.ts).
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import connector from '../../index.js';
import { operations } from '../../operations/index.js';
import { ConnectorError } from '../../runtime/errors.js';
import { FIELD_CODE } from '../fixtures/fields.js';
import { API, tokenCtx } from '../helpers/context.js';

/** Run the operation with Pipedrive on nock, expecting a refusal before any request. */
async function refusal(op: string, input: Record<string, unknown>) {
  const method = operations.find((o) => o.name === op)?.method ?? 'GET';
  const scope = nock(API).intercept(/.*/, method).query(true).reply(200, { success: true, data: null });
  const error = await connector.execute(op, input, tokenCtx()).catch((e: unknown) => e);
  expect(scope.isDone(), `${op} sent a request`).toBe(false);
  expect(error).toBeInstanceOf(ConnectorError);
  const refused = error as ConnectorError;
  expect(refused.code).toBe('invalid_input');
  return { message: refused.message, paths: refused.details.issues?.map((i) => i.path) };
}

const condition = { object: 'deal', field_id: '12453', operator: '>', value: 10000 };

describe('field operations refuse bad input before sending', () => {
  it('a field type or option list Pipedrive does not take', async () => {
    expect((await refusal('add_deal_field', { field_name: 'Tier', field_type: 'dropdown' })).paths).toEqual([
      'field_type',
    ]);
    expect(
      (await refusal('add_person_field', { field_name: 'Tier', field_type: 'enum', options: [] })).paths,
    ).toEqual(['options']);
    expect((await refusal('add_product_field', { field_name: '', field_type: 'varchar' })).paths).toEqual([
      'field_name',
    ]);
  });

  it("a setting of another kind of record's fields", async () => {
    // Pipelines are deal settings; products have no important or required fields.
    const person = await refusal('add_person_field', {
      field_name: 'Tier',
      field_type: 'varchar',
      ui_visibility: { show_in_pipelines: { show_in_all: true } },
    });
    expect(person.paths).toEqual(['ui_visibility.show_in_pipelines']);
    const product = await refusal('update_product_field', {
      field_code: FIELD_CODE,
      important_fields: { enabled: true },
    });
    expect(product.paths).toEqual(['important_fields']);
  });

  it('an update with nothing to change, and options without IDs or labels', async () => {
    expect((await refusal('update_deal_field', { field_code: FIELD_CODE })).message).toContain(
      'give at least one field to change',
    );
    expect(
      (await refusal('update_organization_field_options', { field_code: FIELD_CODE, options: [{ id: 12 }] }))
        .paths,
    ).toEqual(['options.0.label']);
    expect(
      (await refusal('delete_deal_field_options', { field_code: FIELD_CODE, options: [{ id: 'twelve' }] }))
        .paths,
    ).toEqual(['options.0.id']);
    // field_code is a path segment: a `..` would climb out of the field's path.
    for (const field_code of ['', '..', 'a/b', 'plan tier']) {
      const bad = await refusal('add_deal_field_options', { field_code, options: [{ label: 'Gold' }] });
      expect(bad.paths, field_code).toEqual(['field_code']);
    }
  });

  it('a required-status map keyed by something other than pipeline IDs, or an unknown status', async () => {
    const error = await refusal('update_deal_field', {
      field_code: FIELD_CODE,
      required_fields: { statuses: { '1': ['won', 'open'] } },
    });
    expect(error.paths).toEqual(['required_fields.statuses.1.1']);
    const keyed = await refusal('update_deal_field', {
      field_code: FIELD_CODE,
      required_fields: { statuses: { Sales: ['won'] } },
    });
    expect(keyed.paths?.[0]).toMatch(/^required_fields\.statuses/);
  });
});

describe('filter operations refuse conditions Pipedrive does not support', () => {
  it('more than 16 conditions in all', async () => {
    const many = Array.from({ length: 9 }, () => condition);
    const error = await refusal('add_filter', {
      name: 'Too many',
      type: 'deals',
      conditions: {
        glue: 'and',
        conditions: [
          { glue: 'and', conditions: many },
          { glue: 'or', conditions: many },
        ],
      },
    });
    expect(error.paths).toEqual(['conditions.conditions']);
    expect(error.message).toContain('at most 16 conditions in all');
  });

  it('an `or` at the top, a third group, or a condition without its field', async () => {
    const top = await refusal('update_filter', {
      id: 42,
      conditions: { glue: 'or', conditions: [{ glue: 'and', conditions: [condition] }] },
    });
    expect(top.paths).toEqual(['conditions.glue']);
    const group = { glue: 'and', conditions: [] };
    const three = await refusal('update_filter', {
      id: 42,
      conditions: { glue: 'and', conditions: [group, group, group] },
    });
    expect(three.paths).toEqual(['conditions.conditions']);
    const { field_id: _, ...noField } = condition;
    const missing = await refusal('add_filter', {
      name: 'No field',
      type: 'deals',
      conditions: { glue: 'and', conditions: [{ glue: 'and', conditions: [noField] }] },
    });
    expect(missing.paths).toEqual(['conditions.conditions.0.conditions.0.field_id']);
  });

  it('update_filter needs the conditions; delete_many_filters IDs', async () => {
    expect((await refusal('update_filter', { id: 42, name: 'Renamed' })).paths).toEqual(['conditions']);
    expect((await refusal('delete_many_filters', { ids: '42,abc' })).paths?.[0]).toMatch(/^ids/);
  });
});
