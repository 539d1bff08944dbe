import { defineOperation } from '../../runtime/define.js';
import { addon } from '../../schemas/account.js';
import { plainList } from '../../schemas/reference.js';

export default defineOperation({
  name: 'list_company_addons',
  title: 'List company add-ons',
  description:
    "Returns the add-ons of the company's subscription by code (e.g. `leadbooster_v2`, `prospector`, `smart_docs_v2`), to check whether a feature is bought. Billing data: admins' business (the `users:read` scope).",
  resource: 'billing',
  method: 'GET',
  path: '/billing/subscriptions/addons',
  api: 'v1',
  scopes: ['users:read'],
  tokenCost: 20,
  output: plainList(addon),
  sample: {},
});
