import { defineOperation } from '../../runtime/define.js';
import { id, list, optional } from '../../schemas/common.js';
import { labelOptions } from '../../schemas/deals.js';
import { contactListQuery } from '../../schemas/organizations.js';
import { person, personIncludeFields } from '../../schemas/persons.js';

export default defineOperation({
  name: 'list_persons',
  title: 'List persons',
  description:
    'Returns persons, filtered by owner, organization, deal, IDs or update time, or by a saved filter.',
  resource: 'persons',
  method: 'GET',
  path: '/persons',
  scopes: ['contacts:read', 'contacts:full'],
  tokenCost: 10,
  customFields: { entity: 'person' },
  query: {
    ...contactListQuery('persons'),
    ...optional({
      org_id: id(
        'Only persons linked to this organization. Ignored when `filter_id` is given.',
        'Organization',
      ),
      deal_id: id('Only persons linked to this deal. Ignored when `filter_id` is given.', 'Deal'),
      include_fields: personIncludeFields(),
    }),
    ...labelOptions,
  },
  pagination: { maxLimit: 500 },
  output: list(person),
  sample: { org_id: 1, sort_by: 'update_time', sort_direction: 'desc', limit: 100 },
});
