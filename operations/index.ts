import type { Operation } from '../runtime/define.js';
import { Registry } from '../runtime/registry.js';
import activities from './activities/index.js';
import activityTypes from './activity_types/index.js';
import { aliases, removed } from './aliases.js';
import api from './api/index.js';
import currencies from './currencies/index.js';
import dealProducts from './deal_products/index.js';
import deals from './deals/index.js';
import upsert_deal from './deals/upsert_deal.js';
import discounts from './discounts/index.js';
import fields from './fields/index.js';
import filters from './filters/index.js';
import followers from './followers/index.js';
import installments from './installments/index.js';
import itemSearch from './item_search/index.js';
import leads from './leads/index.js';
import upsert_lead from './leads/upsert_lead.js';
import mail from './mail/index.js';
import notes from './notes/index.js';
import find_or_create_organization from './organizations/find_or_create_organization.js';
import organizations from './organizations/index.js';
import upsert_organization from './organizations/upsert_organization.js';
import find_or_create_person from './persons/find_or_create_person.js';
import persons from './persons/index.js';
import upsert_person from './persons/upsert_person.js';
import pipelines from './pipelines/index.js';
import productVariations from './product_variations/index.js';
import products from './products/index.js';
import stages from './stages/index.js';
import users from './users/index.js';

/** Every operation that makes one request to Pipedrive (one page, for lists), in manifest order (by resource). */
export const operations: readonly Operation[] = [
  ...activities,
  ...deals,
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

/**
 * The composed operations: find-or-create and upsert (runtime/upsert.ts), which run the operations above. They
 * follow them in the manifest.
 */
export const composites: readonly Operation[] = [
  find_or_create_person,
  upsert_person,
  find_or_create_organization,
  upsert_organization,
  upsert_deal,
  upsert_lead,
];

/** Every operation of the manifest: the requests, then the composed ones. */
export const allOperations: readonly Operation[] = [...operations, ...composites];

export const registry = new Registry(allOperations, aliases, removed);
