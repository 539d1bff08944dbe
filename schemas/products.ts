import { z } from 'zod';
import {
  billingFrequency,
  customFieldKeys,
  customFields,
  customFieldsByName,
  describe,
  exactMatch,
  filterId,
  id,
  idList,
  labelled,
  listV1,
  listV1Flat,
  optional,
  record,
  searchFields,
  searchIncludes,
  searchItem,
  searchTerm,
  sortDirection,
  updatedSince,
  visibleTo,
} from './common.js';
import { dealV1, dealV1Linked } from './deals.js';
import { relatedObjects } from './records.js';

/** The product ID in the path of every `/products/{id}...` endpoint. */
export const productId = () => id('The ID of the product', 'Product');

// ---------- prices (products and product variations) ----------

/** One price in a product or product variation body. Only one price per currency. */
export const priceInput = z.strictObject({
  currency: describe(z.string().min(1), 'The currency of the price (3-letter code, e.g. EUR)'),
  ...optional({
    price: describe(z.number(), 'The unit price in this currency'),
    cost: describe(z.number(), 'The cost of the product in this currency'),
    direct_cost: describe(z.number(), 'The direct cost of the product in this currency'),
    notes: describe(z.string(), 'Notes about the price'),
  }),
});

/** The fields of a price as Pipedrive returns it; products add `product_id`, variations `product_variation_id`. */
export const priceOutputShape = {
  currency: describe(z.string(), 'The currency of the price'),
  price: describe(z.number(), 'The unit price in this currency'),
  cost: describe(z.number(), 'The cost in this currency'),
  direct_cost: describe(z.number(), 'The direct cost in this currency'),
  notes: describe(z.string(), 'Notes about the price'),
};

// ---------- product inputs ----------

export const productName = describe(z.string().min(1), 'The name of the product; cannot be empty');

const productBilling = billingFrequency(
  'How often a customer is billed for the product (default `one-time`). Growth and above plans only.',
);

/** Body of add_product (which makes `name` required) and update_product. All fields optional. */
export const productBody = optional({
  name: productName,
  code: describe(z.string(), 'The product code'),
  description: describe(z.string(), 'The product description'),
  unit: describe(z.string(), 'The unit in which the product is sold (e.g. pcs, hours, licence)'),
  tax: describe(z.number(), 'The tax percentage (default 0)'),
  category: describe(
    z.number(),
    'The category of the product: the ID of an option of the Category product field',
  ),
  owner_id: id('The ID of the user who owns the product; the authorized user when omitted', 'Owner'),
  is_linkable: describe(z.boolean(), 'Whether the product can be added to deals (default true)', 'Linkable'),
  visible_to: visibleTo(
    'The visibility of the product; when omitted, the default visibility setting for products applies',
  ),
  prices: describe(
    z.array(priceInput),
    'The prices of the product, at most one per currency. When omitted, a price of 0 in the default currency of the user is set.',
  ),
  billing_frequency: productBilling,
  billing_frequency_cycles: describe(
    z.int().min(1).max(208).nullable(),
    'How many times the billing frequency repeats for the product in a deal (1–208). Must be null for `one-time` and set for `weekly`; null means billed indefinitely otherwise. Growth and above plans only.',
  ),
  custom_fields: customFields(),
});

export const productListQuery = optional({
  owner_id: id('Only products owned by this user', 'Owner'),
  ids: idList('product'),
  filter_id: filterId('products'),
  updated_since: updatedSince('products'),
  sort_by: labelled(
    { id: 'ID', name: 'Name', add_time: 'Add time', update_time: 'Update time' },
    'The field to sort by (default `id`)',
  ),
  sort_direction: sortDirection(),
  custom_fields: customFieldKeys(),
});

export const productSearchQuery = {
  term: searchTerm(),
  ...optional({
    fields: searchFields({ code: 'Code', custom_fields: 'Custom fields', name: 'Name' }),
    exact_match: exactMatch(),
    include_fields: searchIncludes({ 'product.price': 'Product price' }),
  }),
};

// ---------- outputs ----------

/** A product as Pipedrive returns it. */
export const product = record({
  id: describe(z.int(), 'The ID of the product'),
  name: describe(z.string(), 'The name of the product'),
  code: describe(z.string(), 'The product code'),
  description: describe(z.string(), 'The description of the product'),
  unit: describe(z.string(), 'The unit in which the product is sold'),
  tax: describe(z.number(), 'The tax percentage'),
  category: describe(z.union([z.string(), z.number()]), 'The category of the product'),
  is_linkable: describe(z.boolean(), 'Whether the product can be added to deals'),
  is_deleted: describe(z.boolean(), 'Whether the product is marked as deleted'),
  visible_to: describe(z.int(), 'The visibility of the product'),
  owner_id: describe(z.int(), 'The ID of the user who owns the product'),
  add_time: describe(z.string(), 'The creation date and time of the product'),
  update_time: describe(z.string(), 'The last updated date and time of the product'),
  billing_frequency: describe(z.string(), 'How often a customer is billed for the product'),
  billing_frequency_cycles: describe(
    z.int(),
    'How many times the billing frequency repeats; null means billed indefinitely',
  ),
  prices: describe(
    z.array(record({ product_id: describe(z.int(), 'The ID of the product'), ...priceOutputShape })),
    'The prices of the product, one per currency',
  ),
  custom_fields: describe(z.record(z.string(), z.unknown()), 'Custom field values keyed by field key'),
  custom_fields_by_name: customFieldsByName(),
});

/** The `item` of a product search hit. */
export const productSearchItem = searchItem('product', {
  name: describe(z.string(), 'The name of the product'),
  code: describe(z.union([z.string(), z.number()]), 'The product code'),
});

// ---------- API v1: the deals of a product, the products of a person ----------

/** Query of get_product_deals. */
export const productDealsQuery = optional({
  status: labelled(
    {
      open: 'Open',
      won: 'Won',
      lost: 'Lost',
      deleted: 'Deleted (up to 30 days ago)',
      all_not_deleted: 'All but deleted',
    },
    'Only deals with this status (default `all_not_deleted`)',
  ),
});

/** Output of get_product_deals: deals with their owner, creator, person and organization as objects. */
export const productDeals = listV1Flat(dealV1Linked, 'deal').extend({
  related_objects: relatedObjects.nullish(),
});

/** A product as the API v1 products of a person give it. */
const productV1 = record({
  id: describe(z.int(), 'The ID of the product'),
  company_id: describe(z.int(), 'The ID of the company'),
  name: describe(z.string(), 'The name of the product'),
  code: describe(z.string(), 'The code of the product'),
  description: describe(z.string(), 'The description of the product'),
  unit: describe(z.string(), 'The unit the product is sold in'),
  tax: describe(z.number(), 'The tax percentage of the product'),
  category: describe(z.string(), 'The category of the product'),
  active_flag: describe(z.boolean(), 'Whether the product is active'),
  selectable: describe(z.boolean(), 'Whether the product can be added to deals'),
  first_char: describe(z.string(), 'The first letter of the name of the product'),
  visible_to: describe(z.union([z.string(), z.int()]), 'The visibility of the product (1, 3, 5 or 7)'),
  owner_id: describe(z.int(), 'The ID of the user who owns the product'),
  files_count: describe(z.int(), 'The number of files of the product'),
  add_time: describe(z.string(), 'When the product was added'),
  update_time: describe(z.string(), 'When the product was last updated'),
  deal_id: describe(z.int(), 'The ID of the deal the product is attached to'),
});

/**
 * Output of get_person_products: each item maps a deal ID to that deal and a product attached to it (the
 * deals of the person, with their products).
 */
export const personProducts = listV1(
  describe(
    z.record(
      z.string(),
      record({
        deal: describe(dealV1, 'The deal of the person'),
        product: describe(productV1, 'A product attached to the deal'),
      }),
    ),
    'A deal of the person and a product attached to it, under the deal ID',
  ),
);
