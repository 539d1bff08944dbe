import type { Operation } from '../runtime/define.js';
import { defineLookup, type Lookup, type LookupOption } from '../runtime/lookup.js';
import { id } from '../schemas/common.js';
import { mailFolder } from '../schemas/mail.js';
import { notePath } from '../schemas/notes.js';
import { pick } from '../schemas/records.js';
import { filterType } from '../schemas/reference.js';
import { permissionApp } from '../schemas/roles.js';
import list_activity_types from './activity_types/list_activity_types.js';
import list_user_call_logs from './call_logs/list_user_call_logs.js';
import list_currencies from './currencies/list_currencies.js';
import get_deal_participants from './deals/get_deal_participants.js';
import list_deals from './deals/list_deals.js';
import search_deals from './deals/search_deals.js';
import list_activity_fields from './fields/list_activity_fields.js';
import list_deal_fields from './fields/list_deal_fields.js';
import list_organization_fields from './fields/list_organization_fields.js';
import list_person_fields from './fields/list_person_fields.js';
import list_product_fields from './fields/list_product_fields.js';
import list_project_fields from './fields/list_project_fields.js';
import list_files from './files/list_files.js';
import list_filters from './filters/list_filters.js';
import list_goals from './goals/list_goals.js';
import search_item from './item_search/search_item.js';
import list_lead_labels from './leads/list_lead_labels.js';
import list_leads from './leads/list_leads.js';
import search_leads from './leads/search_leads.js';
import list_mail_threads from './mail/list_mail_threads.js';
import get_note_comments from './notes/get_note_comments.js';
import list_notes from './notes/list_notes.js';
import list_organization_relationships from './organizations/list_organization_relationships.js';
import list_organizations from './organizations/list_organizations.js';
import search_organization from './organizations/search_organization.js';
import list_permission_sets from './permission_sets/list_permission_sets.js';
import list_persons from './persons/list_persons.js';
import search_persons from './persons/search_persons.js';
import list_pipelines from './pipelines/list_pipelines.js';
import list_products from './products/list_products.js';
import search_products from './products/search_products.js';
import list_project_boards from './project_boards/list_project_boards.js';
import list_project_phases from './project_phases/list_project_phases.js';
import list_project_templates from './project_templates/list_project_templates.js';
import list_projects from './projects/list_projects.js';
import search_projects from './projects/search_projects.js';
import list_roles from './roles/list_roles.js';
import list_stages from './stages/list_stages.js';
import list_tasks from './tasks/list_tasks.js';
import list_users from './users/list_users.js';
import list_webhooks from './webhooks/list_webhooks.js';

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

/** The fields of one kind of record, valued by `field_code`, for the inputs that pick a field. */
const fieldLookup = (entity: string, list: Operation) =>
  defineLookup({
    name: `${entity}_fields`,
    title: `${entity.charAt(0).toUpperCase()}${entity.slice(1)} fields`,
    description: `The ${entity} fields (standard and custom), as "name (type)"; the value is the \`field_code\`.`,
    list,
    option: (field) => option(field, labelled(text(field.field_name), field.field_type), 'field_code'),
  });

/** How many records a dropdown over a long history without a search endpoint reads (mail threads, call logs). */
const RECENT = 500;

/** HTML as a short line of text: tags dropped, whitespace collapsed, at most 60 characters. */
function snippet(html: unknown): string {
  const plain = text(html)
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 60 ? `${plain.slice(0, 59).trimEnd()}…` : plain;
}

/** The name (else address) of a mail thread's first sender. */
function sender(parties: unknown): string {
  const from = (parties as { from?: unknown } | null | undefined)?.from;
  const first = (Array.isArray(from) ? from[0] : undefined) as Row | undefined;
  return text(first?.name) || text(first?.email_address);
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
  fieldLookup('deal', list_deal_fields),
  fieldLookup('person', list_person_fields),
  fieldLookup('organization', list_organization_fields),
  fieldLookup('product', list_product_fields),
  fieldLookup('project', list_project_fields),
  fieldLookup('activity', list_activity_fields),
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
    name: 'roles',
    title: 'Roles',
    description: 'The roles of the company (admin only).',
    list: list_roles,
    option: (role) => option(role, role.name),
  }),
  defineLookup({
    name: 'permission_sets',
    title: 'Permission sets',
    description:
      'The permission sets (admin only), as "name (app)", optionally of one app; valued by their UUID.',
    list: list_permission_sets,
    params: { app: permissionApp('Only the permission sets of this app').optional() },
    option: (set) => option(set, labelled(text(set.name), set.app)),
  }),
  defineLookup({
    name: 'webhooks',
    title: 'Webhooks',
    description: 'The webhooks (admin only), as "name (action.object)".',
    list: list_webhooks,
    option: (hook) =>
      option(hook, labelled(text(hook.name), `${text(hook.event_action)}.${text(hook.event_object)}`)),
  }),
  defineLookup({
    name: 'mail_threads',
    title: 'Mail threads',
    description:
      'The 500 most recent mail threads of a mailbox folder (default: inbox), as "subject (sender)"; filtered by the search.',
    list: list_mail_threads,
    listInput: { folder: 'inbox', max_items: RECENT },
    params: { folder: mailFolder().optional() },
    option: (thread) => option(thread, labelled(text(thread.subject), sender(thread.parties))),
  }),
  defineLookup({
    name: 'call_logs',
    title: 'Call logs',
    description:
      'The call logs of the user (up to 500), as "subject (number, start)"; filtered by the search.',
    list: list_user_call_logs,
    listInput: { max_items: RECENT },
    option: (call) =>
      option(
        call,
        labelled(
          text(call.subject) || 'Call',
          [call.to_phone_number, call.start_time].map(text).filter(Boolean).join(', '),
        ),
      ),
  }),
  defineLookup({
    name: 'notes',
    title: 'Notes',
    description:
      'The 500 newest notes, as the start of their text with the deal, person or organization they are on; filtered by the search.',
    list: list_notes,
    listInput: { sort: 'add_time DESC', max_items: RECENT },
    option: (note) => {
      const on = (key: string, field: string) => (note[key] as Row | null | undefined)?.[field];
      return option(
        note,
        labelled(
          snippet(note.content),
          on('deal', 'title') ?? on('person', 'name') ?? on('organization', 'name'),
        ),
      );
    },
  }),
  defineLookup({
    name: 'note_comments',
    title: 'Note comments',
    description: 'The comments on one note (`id`), as the start of their text; valued by their UUID.',
    list: get_note_comments,
    params: { id: notePath.id },
    dependsOn: ['id'],
    option: (comment) => option(comment, snippet(comment.content), 'uuid'),
  }),
  defineLookup({
    name: 'projects',
    title: 'Projects',
    description: 'Projects (not archived when listed); searched by title.',
    list: list_projects,
    search: { operation: search_projects, input: { fields: ['title'] } },
    option: (project) => option(project, project.title),
  }),
  defineLookup({
    name: 'boards',
    title: 'Project boards',
    description: 'The project boards.',
    list: list_project_boards,
    option: (board) => option(board, board.name),
  }),
  defineLookup({
    name: 'phases',
    title: 'Project phases',
    description: 'The phases of one project board (or of every board), as "Phase (Board)".',
    list: list_project_phases,
    params: { board_id: id('Only the phases of this board', 'Board').optional() },
    dependsOn: ['board_id'],
    related: list_project_boards,
    eachRelated: 'board_id',
    option: (phase, boards) =>
      option(phase, labelled(text(phase.name), boards.get(String(phase.board_id))?.name)),
  }),
  defineLookup({
    name: 'tasks',
    title: 'Tasks',
    description: 'The tasks of one project (or of all projects), by title.',
    list: list_tasks,
    params: { project_id: id('Only the tasks of this project', 'Project').optional() },
    dependsOn: ['project_id'],
    option: (task) => option(task, task.title),
  }),
  defineLookup({
    name: 'project_templates',
    title: 'Project templates',
    description: 'The project templates, by title.',
    list: list_project_templates,
    option: (template) => option(template, template.title),
  }),
  defineLookup({
    name: 'currency_ids',
    title: 'Currencies (by ID)',
    description:
      'The currencies of the company valued by their ID, for fields that take a currency ID (goals).',
    list: list_currencies,
    option: (currency) => option(currency, labelled(text(currency.name), currency.code)),
  }),
  defineLookup({
    name: 'goals',
    title: 'Goals',
    description: 'Your active goals by title (Pipedrive lists the goals of the user making the request).',
    list: list_goals,
    records: (output) => (output as { data?: { goals?: Row[] } | null }).data?.goals ?? [],
    option: (goal) => option(goal, goal.title),
  }),
  defineLookup({
    name: 'organization_relationships',
    title: 'Organization relationships',
    description:
      'The relationships of one organization, as "Other organization (parent, daughter or related)".',
    list: list_organization_relationships,
    params: { org_id: pick('organizations', 'The organization whose relationships to list', 'Organization') },
    dependsOn: ['org_id'],
    option: (relation) =>
      option(relation, labelled(text(relation.related_organization_name), relation.calculated_type)),
  }),
  defineLookup({
    name: 'deal_participants',
    title: 'Deal participants',
    description:
      'The participants of one deal (`id`), by the name of their person, valued by the participant ID.',
    list: get_deal_participants,
    params: { id: pick('deals', 'The deal whose participants to list', 'Deal') },
    dependsOn: ['id'],
    option: (participant) =>
      option(
        participant,
        (participant.person as Row | null)?.name ?? (participant.person_id as Row | null)?.name,
      ),
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
