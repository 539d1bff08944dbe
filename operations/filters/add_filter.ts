import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { ANY_RECORD_WRITE_SCOPES, describe, single } from '../../schemas/common.js';
import { filter, filterConditions, filterType } from '../../schemas/reference.js';

export default defineOperation({
  name: 'add_filter',
  title: 'Add filter',
  description:
    'Saves a filter of deals, leads, persons, organizations, products, activities or projects from its conditions; its ID is the `filter_id` the list operations take. get_filter_helpers tells which operators and relative dates conditions may use.',
  resource: 'filters',
  method: 'POST',
  path: '/filters',
  api: 'v1',
  scopes: ANY_RECORD_WRITE_SCOPES,
  tokenCost: 10,
  body: {
    name: describe(z.string().min(1), 'The name of the filter'),
    conditions: filterConditions(),
    type: filterType('The kind of records the filter selects'),
  },
  output: single(filter),
  sample: {
    name: 'Big open deals',
    type: 'deals',
    conditions: {
      glue: 'and',
      conditions: [
        {
          glue: 'and',
          conditions: [{ object: 'deal', field_id: '12453', operator: '>', value: 10000 }],
        },
        { glue: 'or', conditions: [] },
      ],
    },
  },
});
