import { defineOperation } from '../../runtime/define.js';
import { customFieldKeys, id, single } from '../../schemas/common.js';
import { labelOptions } from '../../schemas/deals.js';
import { person, personIncludeFields } from '../../schemas/persons.js';

export default defineOperation({
  name: 'get_person',
  title: 'Get person',
  description:
    'Returns the details of a specific person. `im`, `postal_address`, `notes`, `birthday` and `job_title` come only with contact sync enabled.',
  resource: 'persons',
  method: 'GET',
  path: '/persons/{id}',
  scopes: ['contacts:read', 'contacts:full'],
  tokenCost: 1,
  customFields: { entity: 'person' },
  params: { id: id('The ID of the person', 'Person') },
  query: {
    include_fields: personIncludeFields().optional(),
    custom_fields: customFieldKeys().optional(),
    ...labelOptions,
  },
  output: single(person),
  sample: { id: 1, include_fields: ['open_deals_count', 'last_incoming_mail_time'] },
});
