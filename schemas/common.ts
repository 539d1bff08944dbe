import { z } from 'zod';
import { describe } from '../runtime/json-schema.js';

export { describe };

type Shape = Record<string, z.ZodType>;

/**
 * Building blocks shared by every operation's input and output schemas.
 *
 * Inputs are strict (unknown fields are refused). Outputs are loose (unknown fields pass through) and every
 * documented field may be missing or null, because Pipedrive omits and nulls fields freely.
 */

/** A positive integer ID. */
export const id = (description: string, title?: string) => describe(z.int().positive(), description, title);

/** Pipedrive lead IDs are UUIDs. */
export const uuid = (description: string, title?: string) => describe(z.uuid(), description, title);

/** An enum whose options carry labels; forms show them as `oneOf: [{ const, title }]`. */
export function labelled<const T extends Record<string, string>>(
  labels: T,
  description: string,
  title?: string,
) {
  const values = Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
  return z.enum(values).meta({ description, 'x-enum-labels': labels, ...(title ? { title } : {}) });
}

/** A numeric enum whose options carry labels (e.g. `visible_to`). */
export function labelledNumber<const T extends readonly [number, ...number[]]>(
  values: T,
  labels: Record<T[number], string>,
  description: string,
  title?: string,
) {
  return z.literal(values).meta({ description, 'x-enum-labels': labels, ...(title ? { title } : {}) });
}

/** `YYYY-MM-DD`. */
export const date = (description: string, title?: string) => describe(z.iso.date(), description, title);

/** RFC 3339 date-time with `Z` or an offset, e.g. `2025-01-01T10:20:00Z`. */
export const dateTime = (description: string, title?: string) =>
  describe(z.iso.datetime({ offset: true }), description, title);

/** `HH:MM` (24-hour clock, UTC in Pipedrive). */
export const time = (description: string, title?: string) =>
  describe(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'expected HH:MM'), description, title);

/**
 * A comma-separated query parameter. The input is an array (a comma-separated string is accepted too and
 * split); the runtime sends it as CSV.
 */
export function csv<T extends z.ZodType>(item: T, description: string, options: { max?: number } = {}) {
  const list = z.array(item).min(1);
  return describe(options.max ? list.max(options.max) : list, description);
}

/**
 * Who can see a record. The meaning of each value depends on the company's plan (Pipedrive's visibility
 * groups): Light/Growth/Professional know 1 and 3; Premium/Ultimate know 1, 3, 5 and 7.
 */
export const visibleTo = (description = 'The visibility of the record') =>
  labelledNumber(
    [1, 3, 5, 7],
    {
      1: 'Owner & followers (Premium/Ultimate: owner only)',
      3: "Entire company (Premium/Ultimate: owner's visibility group)",
      5: "Owner's visibility group and sub-groups (Premium/Ultimate)",
      7: 'Entire company (Premium/Ultimate)',
    },
    `${description}. When omitted, the user's default visibility for this kind of record applies. Light, Growth and Professional plans use 1 (owner & followers) and 3 (entire company); Premium and Ultimate use 1 (owner only), 3 (owner's visibility group), 5 (owner's visibility group and sub-groups) and 7 (entire company).`,
  );

/** Pipedrive's structured address subfields (organization `address`, person `postal_address`, activity `location`). */
export function addressShape(of: string, options: { subpremise?: boolean } = {}) {
  const sub = (label: string, example: string) =>
    describe(z.string(), `${label} (e.g. ${example}) of the ${of}`);
  return {
    value: describe(z.string(), `The full address of the ${of}`),
    country: describe(z.string(), `Country of the ${of}`),
    admin_area_level_1: sub('Admin area level 1', 'state'),
    admin_area_level_2: sub('Admin area level 2', 'county'),
    locality: sub('Locality', 'city'),
    sublocality: sub('Sublocality', 'neighborhood'),
    route: sub('Route', 'street'),
    street_number: describe(z.string(), `Street number of the ${of}`),
    ...(options.subpremise === false ? {} : { subpremise: sub('Subpremise', 'apartment or suite number') }),
    postal_code: describe(z.string(), `Postal code of the ${of}`),
  };
}

/** An address input: every subfield optional, unknown subfields refused. */
export const addressInput = (of: string, description: string, options: { subpremise?: boolean } = {}) =>
  describe(z.strictObject(addressShape(of, options)).partial(), description);

/** Recurring billing of products (Growth and above plans). */
export const billingFrequency = (description: string) =>
  labelled(
    {
      'one-time': 'One-time',
      weekly: 'Weekly',
      monthly: 'Monthly',
      quarterly: 'Quarterly',
      'semi-annually': 'Semi-annually',
      annually: 'Annually',
    },
    description,
  );

// ---------- searches ----------

/** A search term: at least 2 characters, or 1 when only exact matches are asked for. */
export const searchTerm = (exact = '`exact_match`') =>
  describe(z.string().min(1), `The search term: at least 2 characters (1 with ${exact})`);

export const exactMatch = () =>
  describe(z.boolean(), 'Whether to return only full, case-insensitive matches of the term');

/** `fields` of the searches: which fields to look in. */
export const searchFields = <const T extends Record<string, string>>(labels: T, note = '') =>
  csv(
    labelled(labels, 'A field to search'),
    `The fields to search (default: all).${note} Searchable custom field types: address, varchar, text, varchar_auto, double, monetary and phone.`,
  );

/** `include_fields` of the searches: optional fields of the results. */
export const searchIncludes = <const T extends Record<string, string>>(labels: T) =>
  csv(labelled(labels, 'An optional field'), 'Optional fields to include in the results');

/** A linked record in a search hit: `{ id, name }` (or `{ id }`). */
export const ref = (entity: string) =>
  describe(
    record({
      id: describe(z.int(), `The ID of the ${entity}`),
      name: describe(z.string(), `The name of the ${entity}`),
    }),
    `The ${entity}`,
  );

/**
 * The `item` of an entity search hit: the fields every searchable type has, plus the type's own. `id` is
 * an integer except for leads (UUID strings).
 */
export function searchItem<S extends Shape>(entity: string, shape: S, idType: z.ZodType = z.int()) {
  return record({
    id: describe(idType, `The ID of the ${entity}`),
    type: describe(z.string(), `The type of the item (\`${entity}\`)`),
    visible_to: describe(z.int(), `The visibility of the ${entity}`),
    owner: ref('owner'),
    custom_fields: describe(z.array(z.string()), 'Matching custom field values'),
    notes: describe(z.array(z.string()), 'Matching notes'),
    ...shape,
  });
}

/** Pipedrive's `custom_fields` object: keys are the fields' 40-character hashes (or keys). */
export const customFields = (
  description = 'Custom field values keyed by the field key (40-character hash)',
) => describe(z.record(z.string(), z.unknown()), description);

/** Make every field of a shape optional (query parameters and body fields mostly are). */
export function optional<S extends Record<string, z.ZodType>>(
  shape: S,
): { [K in keyof S]: z.ZodOptional<S[K]> } {
  const out = {} as { [K in keyof S]: z.ZodOptional<S[K]> };
  for (const [key, schema] of Object.entries(shape))
    (out as Record<string, z.ZodType>)[key] = schema.optional();
  return out;
}

// ---------- outputs ----------

/** An output record: every documented field optional and nullable, unknown fields kept. */
export function record<S extends Shape>(shape: S) {
  const loose = {} as { [K in keyof S]: z.ZodOptional<z.ZodNullable<S[K]>> };
  for (const [key, schema] of Object.entries(shape)) {
    (loose as Record<string, z.ZodType>)[key] = schema.nullable().optional();
  }
  return z.looseObject(loose);
}

const success = describe(z.boolean(), 'Whether the request succeeded');

/** Added to records of operations that declare `customFields` (see runtime/custom-fields.ts). */
export const customFieldsByName = () =>
  describe(
    z.record(z.string(), z.unknown()),
    'The custom fields under their names, option labels resolved (added by the connector; turn off with the `custom_fields_by_name` input)',
  );

/** `{ success, data: <one record> }`. */
export function single<T extends z.ZodType>(data: T) {
  return z.looseObject({ success, data: data.nullable() });
}

export const cursorData = z.looseObject({
  next_cursor: describe(
    z.string().nullable().optional(),
    'Cursor of the next page; null when there are no more pages. Pass it as `cursor` to continue.',
  ),
  has_more: describe(
    z.boolean().optional(),
    'Whether more records remain after the ones returned (set by the connector).',
  ),
});

/** v1 offset pagination: `additional_data.pagination`. */
export const offsetData = z.looseObject({
  pagination: record({
    start: describe(z.int(), 'The position of the first item of this page'),
    limit: describe(z.int(), 'The page size'),
    more_items_in_collection: describe(z.boolean(), 'Whether more items follow this page'),
    next_start: describe(z.int(), 'Pass it as `start` to get the next page'),
  }).nullish(),
  has_more: describe(
    z.boolean().optional(),
    'Whether more records remain after the ones returned (set by the connector).',
  ),
});

/** A v1 list: `{ success, data: [records], additional_data: { pagination, has_more } }`. */
export function listV1<T extends z.ZodType>(item: T) {
  return z.looseObject({ success, data: z.array(item).nullable(), additional_data: offsetData.nullish() });
}

/**
 * A v1 list whose page position Pipedrive's spec documents directly in `additional_data` (`start`, `limit`,
 * `more_items_in_collection`) rather than in `pagination`; both are declared. `of` names the records.
 */
export function listV1Flat<T extends z.ZodType>(item: T, of: string) {
  return listV1(item).extend({
    additional_data: offsetData
      .extend({
        start: describe(z.int().optional(), `The position of the first ${of} of this page`),
        limit: describe(z.int().optional(), 'The page size'),
        more_items_in_collection: describe(z.boolean().optional(), `Whether more ${of}s follow this page`),
      })
      .nullish(),
  });
}

/** `{ success, data: [records], additional_data: { next_cursor, has_more } }`. */
export function list<T extends z.ZodType>(item: T) {
  return z.looseObject({ success, data: z.array(item).nullable(), additional_data: cursorData.nullish() });
}

/** A search hit: `{ result_score, item }`. */
export function hit<T extends z.ZodType>(item: T) {
  return record({
    result_score: describe(z.number(), 'How well the record matches the search term'),
    item,
  });
}

/** `{ success, data: { items: [hits] }, additional_data: { next_cursor, has_more } }`. */
export function searchResult<T extends z.ZodType>(item: T, extra: Shape = {}) {
  return z.looseObject({
    success,
    data: record({ items: z.array(hit(item)), ...extra }).nullable(),
    additional_data: cursorData.nullish(),
  });
}

/** `{ success, data: { id } }` as returned by deletes. */
export const deleted = (description: string) =>
  single(record({ id: describe(z.union([z.int(), z.string()]), description) }));

// ---------- list query parameters shared by v2 list endpoints ----------

export const sortDirection = () =>
  labelled({ asc: 'Ascending', desc: 'Descending' }, 'The sorting direction (default `asc`)');

export const updatedSince = (entity: string) =>
  dateTime(
    `If set, only ${entity} with an \`update_time\` later than or equal to this time are returned (RFC 3339)`,
  );

export const updatedUntil = (entity: string) =>
  dateTime(`If set, only ${entity} with an \`update_time\` earlier than this time are returned (RFC 3339)`);

export const idList = (entity: string) =>
  csv(
    z.int().positive(),
    `Up to 100 ${entity} IDs to fetch. Ignored when \`filter_id\` is given; missing or invisible ones are left out.`,
    { max: 100 },
  );

export const filterId = (entity: string) =>
  id(`If supplied, only ${entity} matching the specified filter are returned`, 'Filter ID');

export const customFieldKeys = () =>
  csv(
    z.string().min(1),
    'Keys of the custom fields to include (at most 15); smaller and faster responses when you need only a few',
    { max: 15 },
  );

/**
 * The scopes of the endpoints about records of any kind (files, saved filters): Pipedrive's reference lists those of
 * all three families, deals, activities and contacts; to read, any of them read or full, to change, any of them full.
 */
export const ANY_RECORD_READ_SCOPES = [
  'deals:read',
  'deals:full',
  'activities:read',
  'activities:full',
  'contacts:read',
  'contacts:full',
];
export const ANY_RECORD_WRITE_SCOPES = ['deals:full', 'activities:full', 'contacts:full'];
