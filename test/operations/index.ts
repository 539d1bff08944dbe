import { activityCases } from './cases/activities.js';
import activityTypes from './cases/activity_types.js';
import api from './cases/api.js';
import currencies from './cases/currencies.js';
import dealProducts from './cases/deal_products.js';
import { dealCases } from './cases/deals.js';
import discounts from './cases/discounts.js';
import fields from './cases/fields.js';
import filters from './cases/filters.js';
import followers from './cases/followers.js';
import installments from './cases/installments.js';
import itemSearch from './cases/item_search.js';
import leads from './cases/leads.js';
import mail from './cases/mail.js';
import notes from './cases/notes.js';
import organizations from './cases/organizations.js';
import persons from './cases/persons.js';
import pipelines from './cases/pipelines.js';
import productVariations from './cases/product_variations.js';
import products from './cases/products.js';
import stages from './cases/stages.js';
import users from './cases/users.js';
import type { OperationCase } from './harness.js';

/** Every operation's request/response cases, by resource. */
export const allCases: OperationCase[] = [
  ...activityCases,
  ...dealCases,
  ...dealProducts,
  ...discounts,
  ...installments,
  ...followers,
  ...organizations,
  ...persons,
  ...pipelines,
  ...stages,
  ...products,
  ...productVariations,
  ...leads,
  ...itemSearch,
  ...users,
  ...notes,
  ...mail,
  ...fields,
  ...activityTypes,
  ...currencies,
  ...filters,
  ...api,
];
