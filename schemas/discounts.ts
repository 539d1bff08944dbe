import { z } from 'zod';
import { describe, id, labelled, optional, record, uuid } from './common.js';

/** The path parameters of a single discount. */
export const discountParams = {
  id: id('The ID of the deal', 'Deal'),
  discount_id: uuid('The ID (UUID) of the discount', 'Discount ID'),
};

/** Body of update_additional_discount; add_additional_discount makes every field required. */
export const discountFields = {
  description: describe(z.string().min(1), 'The name of the discount, shown on the deal'),
  amount: describe(
    z.number().positive(),
    'The discount: a percentage or an amount in the deal currency, above 0',
  ),
  type: labelled(
    { percentage: 'Percentage', amount: 'Amount' },
    'Whether the discount is a percentage or a fixed amount',
  ),
};

export const discountBody = optional(discountFields);

/** A discount added to a deal as Pipedrive returns it. */
export const discount = record({
  id: describe(z.string(), 'The ID (UUID) of the discount'),
  deal_id: describe(z.int(), 'The ID of the deal the discount belongs to'),
  description: describe(z.string(), 'The name of the discount'),
  amount: describe(z.number(), 'The discount amount'),
  type: describe(z.string(), 'Whether the discount is a percentage or a fixed amount'),
  created_at: describe(z.string(), 'The date and time the discount was created (ISO 8601)'),
  created_by: describe(z.int(), 'The ID of the user who created the discount'),
  updated_at: describe(z.string(), 'The date and time the discount was last updated (ISO 8601)'),
  updated_by: describe(z.int(), 'The ID of the user who last updated the discount'),
});
