import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { labelOptions } from '../../schemas/deals.js';
import { contactListQuery, organization, organizationIncludeFields } from '../../schemas/organizations.js';

export default defineOperation({
  name: 'list_organizations',
  title: 'List organizations',
  description: 'Returns organizations, filtered by owner, IDs or update time, or by a saved filter.',
  resource: 'organizations',
  method: 'GET',
  path: '/organizations',
  scopes: ['contacts:read', 'contacts:full'],
  tokenCost: 10,
  customFields: { entity: 'organization' },
  query: {
    ...contactListQuery('organizations'),
    include_fields: organizationIncludeFields().optional(),
    ...labelOptions,
  },
  pagination: { maxLimit: 500 },
  output: list(organization),
  sample: { sort_by: 'update_time', sort_direction: 'desc', limit: 100 },
});
