import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { ANY_RECORD_WRITE_SCOPES, describe, optional, single } from '../../schemas/common.js';
import { filter, filterConditions, savedFilterId } from '../../schemas/reference.js';

export default defineOperation({
  name: 'update_filter',
  title: 'Update filter',
  description:
    'Replaces the conditions of a saved filter (they are required, and replace the old ones whole), and renames it when `name` is given.',
  resource: 'filters',
  method: 'PUT',
  path: '/filters/{id}',
  api: 'v1',
  scopes: ANY_RECORD_WRITE_SCOPES,
  tokenCost: 10,
  params: { id: savedFilterId() },
  body: {
    conditions: filterConditions(),
    ...optional({ name: describe(z.string().min(1), 'The new name of the filter') }),
  },
  output: single(filter),
  sample: {
    id: 1,
    name: 'Open deals over 20k',
    conditions: {
      glue: 'and',
      conditions: [
        { glue: 'and', conditions: [{ object: 'deal', field_id: '12453', operator: '>', value: 20000 }] },
        { glue: 'or', conditions: [] },
      ],
    },
  },
});
