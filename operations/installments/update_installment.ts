import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { installment, installmentBody, installmentParams } from '../../schemas/installments.js';

export default defineOperation({
  name: 'update_installment',
  title: 'Update deal installment',
  description: 'Edits an installment of a deal (Growth and above plans). Only the fields given are changed.',
  resource: 'installments',
  method: 'PATCH',
  path: '/deals/{id}/installments/{installment_id}',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 5,
  params: installmentParams,
  body: installmentBody,
  output: single(installment),
  sample: { id: 1, installment_id: 1, billing_date: '2026-02-15' },
});
