import { defineOperation } from '../../runtime/define.js';
import { deleted } from '../../schemas/common.js';
import { installmentParams } from '../../schemas/installments.js';

export default defineOperation({
  name: 'delete_installment',
  title: 'Delete deal installment',
  description: 'Removes an installment from a deal (Growth and above plans).',
  resource: 'installments',
  method: 'DELETE',
  path: '/deals/{id}/installments/{installment_id}',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 3,
  params: installmentParams,
  output: deleted('The ID of the deleted installment'),
  sample: { id: 1, installment_id: 1 },
});
