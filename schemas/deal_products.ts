import { z } from 'zod';
import { billingFrequency, csv, describe, id, labelled, optional, record, sortDirection } from './common.js';

const taxMethods = { exclusive: 'Exclusive', inclusive: 'Inclusive', none: 'None' } as const;
const discountTypes = { percentage: 'Percentage', amount: 'Amount' } as const;

const TAX_METHOD =
  'The tax option of the products: `inclusive` means the tax is already in the price, `exclusive` adds it on top, `none` adds no tax; the `tax` field sets the percentage. Defaults to the user setting. Changing it on one product changes it on every product of the deal.';
const BILLING_FREQUENCY =
  'How often the customer is billed (Growth and above plans). Anything other than `one-time` needs a deal without installments; a deal can have up to 20 such recurring products.';
const BILLING_CYCLES =
  'How many times the billing frequency repeats (Growth and above plans; 1–208). Must be null for `one-time` and set for `weekly`; for the other frequencies null means billed indefinitely.';
const BILLING_START =
  'The billing start date (YYYY-MM-DD, Growth and above plans), between 10 years in the past and 10 years in the future';

/** The path parameters of a single deal-product. */
export const dealProductParams = {
  id: id('The ID of the deal', 'Deal'),
  product_attachment_id: id(
    'The ID of the deal-product (the attachment of the product to the deal, not the product ID)',
    'Deal-product ID',
  ),
};

/** The fields add_deal_product requires. */
export const dealProductRequired = {
  product_id: id('The ID of the product', 'Product'),
  item_price: describe(z.number(), 'The price of one unit of the product'),
  quantity: describe(z.number(), 'The quantity of the product'),
};

/** Body of update_deal_product; add_deal_product makes `dealProductRequired` required. */
export const dealProductBody = optional({
  ...dealProductRequired,
  tax: describe(z.number(), 'The product tax, as a percentage (default 0)'),
  comments: describe(z.string(), 'The comments of the product'),
  discount: describe(
    z.number(),
    'The discount (default 0); `discount_type` says whether it is an amount or a percentage',
  ),
  discount_type: labelled(discountTypes, 'Whether `discount` is a percentage (default) or an amount'),
  is_enabled: describe(
    z.boolean(),
    'Whether the product is enabled for the deal (default true). With installments, the last enabled product cannot be disabled and a recurring product cannot be enabled.',
  ),
  tax_method: labelled(taxMethods, TAX_METHOD),
  product_variation_id: describe(
    z.int().positive().nullable(),
    'The ID of the product variation',
    'Product variation',
  ),
  billing_frequency: billingFrequency(BILLING_FREQUENCY),
  billing_frequency_cycles: describe(z.int().min(1).max(208).nullable(), BILLING_CYCLES),
  billing_start_date: describe(z.iso.date().nullable(), BILLING_START),
});

/** Body of add_many_deal_products: up to 100 deal-products, each as add_deal_product takes one. */
export const dealProductsBulkBody = {
  data: describe(
    z
      .array(z.strictObject({ ...dealProductBody, ...dealProductRequired }))
      .min(1)
      .max(100),
    'The products to attach (1–100), each as add_deal_product takes one: `product_id`, `item_price` and `quantity`, and optionally discount, tax, comments and billing',
    'Products',
  ),
};

/** Query of delete_many_deal_products. */
export const dealProductsBulkDelete = optional({
  ids: csv(
    z.int().positive(),
    'The IDs of the deal-products to remove (not the product IDs; at most 100). Without them, Pipedrive removes the first 100 products of the deal.',
    { max: 100 },
  ),
});

/** Output of delete_many_deal_products. */
export const deletedDealProducts = z.looseObject({
  success: describe(z.boolean(), 'Whether the request succeeded'),
  data: record({
    ids: describe(z.array(z.int()), 'The IDs of the deal-products removed from the deal'),
  }).nullable(),
  additional_data: record({
    more_items_in_collection: describe(
      z.boolean(),
      'Whether the deal has more products left to remove (a call removes at most 100)',
    ),
  }).nullish(),
});

const sortFields = {
  id: 'ID',
  add_time: 'Add time',
  update_time: 'Update time',
  order_nr: 'Order number',
} as const;

/** Sorting of get_deal_products. */
export const dealProductSort = optional({
  sort_by: labelled(sortFields, 'The field to sort by (default `id`)'),
  sort_direction: sortDirection(),
});

/** Query of list_deals_products: the deals, and sorting that may also be by deal. */
export const dealsProductsQuery = {
  deal_ids: csv(z.int().positive(), 'The IDs of the deals whose products to return (at most 100)', {
    max: 100,
  }),
  ...optional({
    sort_by: labelled({ ...sortFields, deal_id: 'Deal ID' }, 'The field to sort by (default `id`)'),
    sort_direction: sortDirection(),
  }),
};

/** A product attached to a deal (a deal-product) as Pipedrive returns it. */
export const dealProduct = record({
  id: describe(z.int(), 'The ID of the deal-product (the attachment of the product to the deal)'),
  deal_id: describe(z.int(), 'The ID of the deal'),
  product_id: describe(z.int(), 'The ID of the product'),
  product_variation_id: describe(z.int(), 'The ID of the product variation'),
  name: describe(z.string(), 'The product name'),
  order_nr: describe(z.int(), 'The position of the product within the deal'),
  item_price: describe(z.number(), 'The price of one unit of the product'),
  quantity: describe(z.number(), 'The quantity of the product'),
  sum: describe(z.number(), 'The total of this product line, after discount and tax'),
  currency: describe(z.string(), 'The currency of the deal-product'),
  tax: describe(z.number(), 'The product tax percentage'),
  tax_method: describe(z.string(), 'The tax option: exclusive, inclusive or none'),
  discount: describe(z.number(), 'The discount value'),
  discount_type: describe(z.string(), 'Whether the discount is a percentage or an amount'),
  comments: describe(z.string(), 'The comments of the product'),
  is_enabled: describe(z.boolean(), 'Whether the product is enabled for the deal'),
  billing_frequency: describe(
    z.string(),
    'How often the customer is billed: one-time, weekly, monthly, quarterly, semi-annually or annually',
  ),
  billing_frequency_cycles: describe(z.int(), 'How many times the billing frequency repeats'),
  billing_start_date: describe(z.string(), 'The billing start date'),
  add_time: describe(z.string(), 'The date and time the product was added to the deal'),
  update_time: describe(z.string(), 'The date and time the deal-product was last updated'),
});
