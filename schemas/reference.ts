import { z } from 'zod';
import { describe, labelled, labelledNumber, optional, record, single } from './common.js';

// ---------- generic v1 helpers (candidates for common.ts) ----------

/**
 * A v1 list that is not paginated (all records at once): `{ success, data: [records] }`. Unlike `listV1`
 * there is no `additional_data.pagination`.
 */
export function plainList<T extends z.ZodType>(item: T) {
  return z.looseObject({
    success: describe(z.boolean(), 'Whether the request succeeded'),
    data: z.array(item).nullable(),
  });
}

/** A v1 `0`/`1` flag parameter (v1 takes numbers where v2 takes booleans). */
export const numberFlag = (description: string, labels: { 0: string; 1: string } = { 0: 'No', 1: 'Yes' }) =>
  labelledNumber([0, 1], labels, description);

/** A v1 timestamp as Pipedrive writes it: `YYYY-MM-DD HH:MM:SS` (UTC). */
export const v1Timestamp = (description: string) =>
  describe(
    z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'expected YYYY-MM-DD HH:MM:SS'),
    `${description} (UTC, YYYY-MM-DD HH:MM:SS)`,
  );

/** Output of the v1 bulk deletes (`delete_many_...`): `{ success, data: { id: [the deleted IDs] } }`. */
export const deletedMany = (records: string) =>
  z.looseObject({
    success: describe(z.boolean(), 'Whether the request succeeded'),
    data: record({ id: describe(z.array(z.int()), `The IDs of the deleted ${records}`) }).nullable(),
  });

// ---------- activity types ----------

/** An activity type as Pipedrive returns it. */
export const activityType = record({
  id: describe(z.int(), 'The ID of the activity type'),
  name: describe(z.string(), 'The name of the activity type'),
  key_string: describe(
    z.string(),
    'The key of the activity type, generated from its name; activities refer to it in their `type`',
  ),
  icon_key: describe(z.string(), 'The icon representing the activity type (e.g. `call`, `meeting`, `task`)'),
  color: describe(z.string(), 'The color of the activity type, 6-character HEX (e.g. `FFFFFF`)'),
  order_nr: describe(z.int(), 'The position of the activity type in selections'),
  active_flag: describe(z.boolean(), 'Whether the activity type is active'),
  is_custom_flag: describe(z.boolean(), 'Whether the activity type was created by the company'),
  add_time: describe(z.string(), 'The creation time of the activity type'),
  update_time: describe(z.string(), 'The last update time of the activity type'),
});

/** The `{id}` of the activity type endpoints: a dropdown of the activity types valued by ID. */
export const activityTypeId = () =>
  z
    .int()
    .positive()
    .meta({
      title: 'Activity type',
      description: 'The ID of the activity type',
      'x-lookup': { lookup: 'activity_type_ids' },
    });

/** The icons Pipedrive draws activity types with. */
const activityTypeIcons = {
  task: 'Task',
  email: 'Email',
  meeting: 'Meeting',
  deadline: 'Deadline',
  call: 'Call',
  lunch: 'Lunch',
  calendar: 'Calendar',
  downarrow: 'Down arrow',
  document: 'Document',
  smartphone: 'Smartphone',
  camera: 'Camera',
  scissors: 'Scissors',
  cogs: 'Cogs',
  bubble: 'Speech bubble',
  uparrow: 'Up arrow',
  checkbox: 'Checkbox',
  signpost: 'Signpost',
  shuffle: 'Shuffle',
  addressbook: 'Address book',
  linegraph: 'Line graph',
  picture: 'Picture',
  car: 'Car',
  world: 'World',
  search: 'Search',
  clip: 'Paper clip',
  sound: 'Sound',
  brush: 'Brush',
  key: 'Key',
  padlock: 'Padlock',
  pricetag: 'Price tag',
  suitcase: 'Suitcase',
  finish: 'Finish flag',
  plane: 'Plane',
  loop: 'Loop',
  wifi: 'Wi-Fi',
  truck: 'Truck',
  cart: 'Cart',
  bulb: 'Light bulb',
  bell: 'Bell',
  presentation: 'Presentation',
} as const;

/** Fields of add_activity_type and update_activity_type; add requires `name` and `icon_key`. */
export const activityTypeFields = {
  name: describe(
    z.string().min(1),
    'The name of the activity type; Pipedrive makes its `key_string` from it',
  ),
  icon_key: labelled(activityTypeIcons, 'The icon that represents the activity type', 'Icon'),
  color: describe(
    z.string().regex(/^[0-9A-Fa-f]{6}$/, 'expected 6 hexadecimal digits'),
    'The color of the activity type, 6-character HEX without `#` (e.g. `FFFFFF` for white)',
  ),
};

// ---------- currencies ----------

/** A currency as Pipedrive returns it. */
export const currency = record({
  id: describe(z.int(), 'The ID of the currency'),
  code: describe(z.string(), 'The code of the currency (ISO 4217 for non-custom currencies)'),
  name: describe(z.string(), 'The name of the currency'),
  decimal_points: describe(z.int(), 'The number of decimal places of the currency'),
  symbol: describe(z.string(), 'The symbol of the currency'),
  active_flag: describe(z.boolean(), 'Whether the currency is active'),
  is_custom_flag: describe(z.boolean(), 'Whether the currency is a custom one'),
});

// ---------- filters ----------

/** The kinds of records a filter applies to. */
export const filterType = (description = 'The type of filters to fetch (default: all types)') =>
  labelled(
    {
      deals: 'Deals',
      leads: 'Leads',
      org: 'Organizations',
      people: 'Persons',
      products: 'Products',
      activity: 'Activities',
      projects: 'Projects',
    },
    description,
  );

/** A saved filter as Pipedrive returns it. */
export const filter = record({
  id: describe(z.int(), 'The ID of the filter; pass it as `filter_id` to list operations'),
  name: describe(z.string(), 'The name of the filter'),
  type: describe(
    z.string(),
    'The type of records the filter applies to (deals, leads, org, people, products, activity, projects)',
  ),
  filter_code: describe(z.string(), 'The system code of the filter'),
  is_editable: describe(z.boolean(), 'Whether the requesting user can edit the filter'),
  active_flag: describe(z.boolean(), 'Whether the filter is active'),
  temporary_flag: describe(z.boolean(), 'Whether the filter is temporary'),
  user_id: describe(z.int(), 'The ID of the user who owns the filter'),
  add_time: describe(z.string(), 'When the filter was added'),
  update_time: describe(z.string(), 'When the filter was last updated'),
  last_used_time: describe(z.string(), 'When the filter was last used'),
  visible_to: describe(
    z.union([z.int(), z.string()]),
    'The visibility group that can see the filter (1, 3, 5 or 7)',
  ),
  custom_view_id: describe(z.int(), 'The custom view linked to the filter (used by the Pipedrive web app)'),
  conditions: describe(
    z.record(z.string(), z.unknown()),
    'The conditions of the filter, as add_filter takes them (get_filter, add_filter, update_filter)',
  ),
});

/** The `{id}` of the filter endpoints: a dropdown of the saved filters. */
export const savedFilterId = () =>
  z
    .int()
    .positive()
    .meta({ title: 'Filter', description: 'The ID of the filter', 'x-lookup': { lookup: 'filters' } });

/** One condition of a filter: a field of a kind of record, an operator and a value. */
const filterCondition = z.strictObject({
  object: labelled(
    {
      deal: 'Deal',
      person: 'Person',
      organization: 'Organization',
      product: 'Product',
      activity: 'Activity',
      lead: 'Lead',
      project: 'Project',
    },
    'The kind of record whose field the condition tests',
    'Record',
  ),
  field_id: describe(
    z.union([z.int().positive(), z.string().min(1)]),
    'The numeric API v1 ID of the field (`id` in `GET /v1/dealFields` and the like), e.g. "12453"',
    'Field ID',
  ),
  operator: describe(
    z.string().min(1),
    "How the field is compared: `=`, `!=`, `<`, `>`, `<=`, `>=`, `IS NULL`, `IS NOT NULL`, `LIKE '$%'` (starts with), `LIKE '%$%'` (contains), `NOT LIKE '$%'`; get_filter_helpers lists the operators of each field type",
    'Operator',
  ),
  ...optional({
    value: describe(
      z.union([z.string(), z.number(), z.boolean()]).nullable(),
      'The value to compare with: text, a number, an option or record ID, a date (YYYY-MM-DD) or a relative date such as `this_month` (get_filter_helpers); none for `IS NULL` and `IS NOT NULL`',
      'Value',
    ),
    extra_value: describe(
      z.union([z.string(), z.number(), z.boolean()]).nullable(),
      'A second value where the operator needs one (e.g. the currency of a monetary field, the end of a range)',
      'Extra value',
    ),
  }),
});

const filterGroup = z.strictObject({
  glue: labelled(
    { and: 'All of them (AND)', or: 'Any of them (OR)' },
    'How the conditions of the group combine',
    'Glue',
  ),
  conditions: describe(z.array(filterCondition), 'The conditions of the group; may be empty', 'Conditions'),
});

/** The most conditions a filter may hold. */
const MAX_FILTER_CONDITIONS = 16;

/**
 * The conditions of add_filter and update_filter: an `and` group of at most two groups, one `and` (all must hold)
 * and one `or` (one of them must), as Pipedrive supports, with at most 16 conditions in all.
 */
export const filterConditions = () =>
  describe(
    z
      .strictObject({
        glue: labelled({ and: 'All of them (AND)' }, 'Always `and` at the top level', 'Glue'),
        conditions: describe(
          z.array(filterGroup).min(1).max(2),
          'One or two groups: one glued with `and`, the other with `or`',
          'Groups',
        ),
      })
      .refine(
        (value) =>
          value.conditions.reduce((sum, group) => sum + group.conditions.length, 0) <= MAX_FILTER_CONDITIONS,
        { message: `at most ${MAX_FILTER_CONDITIONS} conditions in all`, path: ['conditions'] },
      ),
    'The conditions of the filter, e.g. `{"glue": "and", "conditions": [{"glue": "and", "conditions": [{"object": "deal", "field_id": "12453", "operator": ">", "value": 10000}]}, {"glue": "or", "conditions": []}]}`: at the top an `and` of one `and` group and one `or` group, at most 16 conditions in all',
    'Conditions',
  );

/** Output of get_filter_helpers: what conditions can say. */
export const filterHelpers = single(
  record({
    operators: describe(
      z.record(z.string(), z.unknown()),
      'By field type (int, varchar, date, enum, ...), its operators and their meaning, e.g. `{"=": "is"}`',
    ),
    deprecated_operators: describe(
      z.record(z.string(), z.string()),
      'Operators that still work but should not be used, with their meaning',
    ),
    relative_dates: describe(
      z.record(z.string(), z.record(z.string(), z.string())),
      'The relative date values (e.g. `this_month`, `yesterday`), by group, with their meaning',
    ),
    address_field_components: describe(
      z.record(z.string(), z.string()),
      'The parts of address fields a condition can test (e.g. `locality`), with their meaning',
    ),
  }),
);
