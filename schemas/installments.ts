import { z } from 'zod';
import { csv, date, describe, id, labelled, optional, record, sortDirection } from './common.js';

/** The path parameters of a single installment. */
export const installmentParams = {
  id: id('The ID of the deal', 'Deal'),
  installment_id: id('The ID of the installment', 'Installment'),
};

/** Body of update_installment; add_installment makes every field required. */
export const installmentFields = {
  description: describe(z.string().min(1), 'The name of the installment'),
  amount: describe(z.number().positive(), 'The installment amount, in the deal currency, above 0'),
  billing_date: date('The date the installment will be charged (YYYY-MM-DD)'),
};

export const installmentBody = optional(installmentFields);

/** Query of list_installments. */
export const installmentListQuery = {
  deal_ids: csv(z.int().positive(), 'The IDs of the deals whose installments to return (at most 100)', {
    max: 100,
  }),
  ...optional({
    sort_by: labelled(
      { id: 'ID', billing_date: 'Billing date', deal_id: 'Deal ID' },
      'The field to sort by (default `id`)',
    ),
    sort_direction: sortDirection(),
  }),
};

/** An installment of a deal as Pipedrive returns it. */
export const installment = record({
  id: describe(z.int(), 'The ID of the installment'),
  deal_id: describe(z.int(), 'The ID of the deal the installment belongs to'),
  description: describe(z.string(), 'The name of the installment'),
  amount: describe(z.number(), 'The installment amount'),
  billing_date: describe(z.string(), 'The date the installment will be charged'),
});
