import { defineOperation } from '../../runtime/define.js';
import { changelog, recordPath } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_organization_changelog',
  title: 'Get organization changelog',
  description:
    'Returns the changes of the field values of an organization, newest first: which field, the old and new value, who changed it, when and from where.',
  resource: 'organizations',
  method: 'GET',
  path: '/organizations/{id}/changelog',
  api: 'v1',
  scopes: ['recents:read'],
  tokenCost: 20,
  params: recordPath('organization'),
  pagination: { maxLimit: 500 },
  output: changelog,
  sample: { id: 1, limit: 50 },
});
