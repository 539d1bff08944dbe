import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { installment, installmentListQuery } from '../../schemas/installments.js';

export default defineOperation({
  name: 'list_installments',
  title: 'List deal installments',
  description:
    'Returns the installments of up to 100 deals (Growth and above plans); each installment says which deal it belongs to.',
  resource: 'installments',
  method: 'GET',
  path: '/deals/installments',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 10,
  query: installmentListQuery,
  pagination: { maxLimit: 500 },
  output: list(installment),
  sample: { deal_ids: [1, 2], sort_by: 'billing_date' },
});
