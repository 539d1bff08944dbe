import { defineOperation } from '../../runtime/define.js';
import { customFieldKeys, id, single } from '../../schemas/common.js';
import { labelOptions } from '../../schemas/deals.js';
import { organization, organizationIncludeFields } from '../../schemas/organizations.js';

export default defineOperation({
  name: 'get_organization',
  title: 'Get organization',
  description: 'Returns the details of a specific organization.',
  resource: 'organizations',
  method: 'GET',
  path: '/organizations/{id}',
  scopes: ['contacts:read', 'contacts:full'],
  tokenCost: 1,
  customFields: { entity: 'organization' },
  params: { id: id('The ID of the organization', 'Organization') },
  query: {
    include_fields: organizationIncludeFields().optional(),
    custom_fields: customFieldKeys().optional(),
    ...labelOptions,
  },
  output: single(organization),
  sample: { id: 1, include_fields: ['people_count', 'open_deals_count'] },
});
