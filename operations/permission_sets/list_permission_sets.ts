import { defineOperation } from '../../runtime/define.js';
import { optional } from '../../schemas/common.js';
import { plainList } from '../../schemas/reference.js';
import { permissionApp, permissionSet } from '../../schemas/roles.js';

export default defineOperation({
  name: 'list_permission_sets',
  title: 'List permission sets',
  description:
    "Returns the permission sets of the company (what users may do in each app: sales, global, projects, ...), optionally of one app; their IDs are what users' `access` takes. Admin only (`admin` scope).",
  resource: 'permission_sets',
  method: 'GET',
  path: '/permissionSets',
  api: 'v1',
  scopes: ['admin'],
  tokenCost: 20,
  query: optional({ app: permissionApp('Only the permission sets of this app') }),
  output: plainList(permissionSet),
  sample: { app: 'sales' },
});
