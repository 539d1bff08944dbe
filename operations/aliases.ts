import type { Alias, Removal } from '../runtime/registry.js';

/** v4.2 names that still run, on their v5.0 successor, with a deprecation warning. */
export const aliases: Record<string, Alias> = {
  create_activity: { to: 'add_activity' },
  create_deal: { to: 'add_deal' },
  create_organization: { to: 'add_organization' },
  create_person: { to: 'add_person' },
  list_people: { to: 'list_persons' },
  get_pipeline_stage: { to: 'get_stage' },
  list_pipeline_stages: { to: 'list_stages' },
  find_organizations_by_name: {
    to: 'search_organization',
    note: 'Give the name as `term`; add `fields: ["name"]` to search names only.',
  },
  find_people: { to: 'search_persons', note: 'Give the name, email or phone as `term`.' },
  perform_search: { to: 'search_item' },
  perform_search_using_specific_field: { to: 'search_item_by_field' },
  create_note: { to: 'add_note' },
  merge_with_deal_id: {
    to: 'merge_deals',
    note: 'Give the deal to merge as `id` and the deal it is merged into (which stays) as `merge_with_id`.',
  },
  merge_with_person_id: {
    to: 'merge_persons',
    note: 'Give the person to merge as `id` and the person it is merged into (which stays) as `merge_with_id`.',
  },
};

/** v4.2 names that are gone, with the way forward. */
export const removed: Record<string, Removal> = {
  list_deals_associated_with_a_person: { instead: 'use "list_deals" with `person_id`.' },
  list_organization_deals: { instead: 'use "list_deals" with `org_id`.' },
};
