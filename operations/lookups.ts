import { defineLookup, type Lookup, type LookupOption } from '../runtime/lookup.js';
import { id } from '../schemas/common.js';
import { filterType } from '../schemas/reference.js';
import list_activity_types from './activity_types/list_activity_types.js';
import list_currencies from './currencies/list_currencies.js';
import list_deals from './deals/list_deals.js';
import search_deals from './deals/search_deals.js';
import list_files from './files/list_files.js';
import list_filters from './filters/list_filters.js';
import search_item from './item_search/search_item.js';
import list_lead_labels from './leads/list_lead_labels.js';
import list_leads from './leads/list_leads.js';
import search_leads from './leads/search_leads.js';
import list_organizations from './organizations/list_organizations.js';
import search_organization from './organizations/search_organization.js';
import list_persons from './persons/list_persons.js';
import search_persons from './persons/search_persons.js';
import list_pipelines from './pipelines/list_pipelines.js';
import list_products from './products/list_products.js';
import search_products from './products/search_products.js';
import list_stages from './stages/list_stages.js';
import list_users from './users/list_users.js';

/**
 * The dropdowns (`connector.lookup`, `POST /lookups/:name`): each names the operations that list (and search)
 * its records and how a record becomes `{ value, label }`. Input fields point at them with `x-lookup`
 * (runtime/lookup.ts).
 */

type Row = Record<string, unknown>;

const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';

/** `main (detail)`, or `main` alone. */
const labelled = (main: string, detail: unknown): string =>
  text(detail) ? `${main} (${text(detail)})` : main;

/** An option valued by `key` (default `id`) and labelled by `label`; left out without a value. */
function option(row: Row, label: unknown, key = 'id'): LookupOption | undefined {
  const value = row[key];
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  return { value, label: text(label) || `#${value}` };
}

/** What a file is attached to: the name of its deal, person, organization, product or lead (list or search hit). */
function attachedTo(file: Row): unknown {
  const linked = (key: string, field: string) => (file[key] as Row | null | undefined)?.[field];
  return (
    text(file.deal_name) ||
    text(file.person_name) ||
    text(file.org_name) ||
    text(file.product_name) ||
    text(file.lead_name) ||
    text(linked('deal', 'title')) ||
    text(linked('person', 'name')) ||
    text(linked('organization', 'name'))
  );
}

/** The primary (else first) email: list records have `{ value, primary }` objects, search hits plain strings. */
function primaryEmail(emails: unknown): string {
  if (!Array.isArray(emails)) return '';
  const found = emails.find((e) => (e as Row | null)?.primary === true) ?? emails[0];
  return text(typeof found === 'object' && found !== null ? (found as Row).value : found);
}

export const lookups: readonly Lookup[] = [
  defineLookup({
    name: 'users',
    title: 'Users',
    description: 'The users of the company, as "name (email)".',
    list: list_users,
    option: (user) => option(user, labelled(text(user.name), user.email)),
  }),
  defineLookup({
    name: 'pipelines',
    title: 'Pipelines',
    description: 'The pipelines of the company.',
    list: list_pipelines,
    option: (pipeline) => option(pipeline, pipeline.name),
  }),
  defineLookup({
    name: 'stages',
    title: 'Stages',
    description: 'The stages of one pipeline (or of all), as "Stage (Pipeline)", in pipeline order.',
    list: list_stages,
    listInput: { sort_by: 'order_nr' },
    params: { pipeline_id: id('Only the stages of this pipeline', 'Pipeline').optional() },
    dependsOn: ['pipeline_id'],
    related: list_pipelines,
    option: (stage, pipelines) =>
      option(stage, labelled(text(stage.name), pipelines.get(String(stage.pipeline_id))?.name)),
  }),
  defineLookup({
    name: 'activity_types',
    title: 'Activity types',
    description: 'The activity types; the value is the `key_string` activities take as `type`.',
    list: list_activity_types,
    option: (type) => option(type, type.name, 'key_string'),
  }),
  defineLookup({
    name: 'activity_type_ids',
    title: 'Activity types (by ID)',
    description: "The activity types valued by their ID, for the activity types' own operations.",
    list: list_activity_types,
    option: (type) => option(type, type.name),
  }),
  defineLookup({
    name: 'currencies',
    title: 'Currencies',
    description: 'The currencies of the company; the value is the currency code.',
    list: list_currencies,
    option: (currency) => option(currency, labelled(text(currency.name), currency.code), 'code'),
  }),
  defineLookup({
    name: 'filters',
    title: 'Filters',
    description: 'The saved filters, optionally of one type.',
    list: list_filters,
    params: { type: filterType().optional() },
    option: (filter) => option(filter, filter.name),
  }),
  defineLookup({
    name: 'lead_labels',
    title: 'Lead labels',
    description: 'The lead labels.',
    list: list_lead_labels,
    option: (label) => option(label, label.name),
  }),
  defineLookup({
    name: 'persons',
    title: 'Persons',
    description: 'Persons, as "name (email)"; searched by name and email.',
    list: list_persons,
    search: { operation: search_persons, input: { fields: ['name', 'email'] } },
    option: (person) => option(person, labelled(text(person.name), primaryEmail(person.emails))),
  }),
  defineLookup({
    name: 'organizations',
    title: 'Organizations',
    description: 'Organizations; searched by name.',
    list: list_organizations,
    search: { operation: search_organization, input: { fields: ['name'] } },
    option: (organization) => option(organization, organization.name),
  }),
  defineLookup({
    name: 'deals',
    title: 'Deals',
    description: 'Deals; searched by title.',
    list: list_deals,
    search: { operation: search_deals, input: { fields: ['title'] } },
    option: (deal) => option(deal, deal.title),
  }),
  defineLookup({
    name: 'products',
    title: 'Products',
    description: 'Products, as "name (code)"; searched by name and code.',
    list: list_products,
    search: { operation: search_products, input: { fields: ['name', 'code'] } },
    option: (product) => option(product, labelled(text(product.name), product.code)),
  }),
  defineLookup({
    name: 'leads',
    title: 'Leads',
    description: 'Leads (not archived when listed); searched by title.',
    list: list_leads,
    search: { operation: search_leads, input: { fields: ['title'] } },
    option: (lead) => option(lead, lead.title),
  }),
  defineLookup({
    name: 'files',
    title: 'Files',
    description: 'Files, as "name (the record it is attached to)"; searched by name.',
    list: list_files,
    search: { operation: search_item, input: { item_types: ['file'], fields: ['name'] } },
    option: (file) => option(file, labelled(text(file.name) || text(file.file_name), attachedTo(file))),
  }),
];
