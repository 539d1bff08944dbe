import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { installment, installmentFields, installmentParams } from '../../schemas/installments.js';

export default defineOperation({
  name: 'add_installment',
  title: 'Add deal installment',
  description:
    'Adds an installment to a deal (Growth and above plans). The deal needs at least one one-time product and no recurring products.',
  resource: 'installments',
  method: 'POST',
  path: '/deals/{id}/installments',
  scopes: ['deals:read', 'deals:full'],
  tokenCost: 5,
  params: { id: installmentParams.id },
  body: installmentFields,
  output: single(installment),
  sample: { id: 1, description: 'First payment', amount: 500, billing_date: '2026-01-15' },
});
