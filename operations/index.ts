import type { Operation } from '../runtime/define.js';
import { Registry } from '../runtime/registry.js';
import activities from './activities/index.js';
import activityTypes from './activity_types/index.js';
import { aliases, removed } from './aliases.js';
import api from './api/index.js';
import billing from './billing/index.js';
import callLogs from './call_logs/index.js';
import currencies from './currencies/index.js';
import dealProducts from './deal_products/index.js';
import deals from './deals/index.js';
import upsert_deal from './deals/upsert_deal.js';
import discounts from './discounts/index.js';
import fields from './fields/index.js';
import files from './files/index.js';
import filters from './filters/index.js';
import followers from './followers/index.js';
import goals from './goals/index.js';
import installments from './installments/index.js';
import itemSearch from './item_search/index.js';
import leads from './leads/index.js';
import upsert_lead from './leads/upsert_lead.js';
import mail from './mail/index.js';
import meetings from './meetings/index.js';
import notes from './notes/index.js';
import find_or_create_organization from './organizations/find_or_create_organization.js';
import organizations from './organizations/index.js';
import upsert_organization from './organizations/upsert_organization.js';
import permissionSets from './permission_sets/index.js';
import find_or_create_person from './persons/find_or_create_person.js';
import persons from './persons/index.js';
import upsert_person from './persons/upsert_person.js';
import pipelines from './pipelines/index.js';
import productVariations from './product_variations/index.js';
import products from './products/index.js';
import projectBoards from './project_boards/index.js';
import projectPhases from './project_phases/index.js';
import projectTemplates from './project_templates/index.js';
import projects from './projects/index.js';
import recents from './recents/index.js';
import roles from './roles/index.js';
import stages from './stages/index.js';
import tasks from './tasks/index.js';
import users from './users/index.js';
import webhooks from './webhooks/index.js';

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
  ...projects,
  ...projectBoards,
  ...projectPhases,
  ...projectTemplates,
  ...tasks,
  ...goals,
  ...itemSearch,
  ...users,
  ...roles,
  ...permissionSets,
  ...notes,
  ...files,
  ...mail,
  ...callLogs,
  ...meetings,
  ...fields,
  ...activityTypes,
  ...currencies,
  ...filters,
  ...webhooks,
  ...recents,
  ...billing,
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
