/**
 * The curated core: the tools an MCP session lists by default (the toolset `core`). A choice, not a derivation:
 * the operations an agent working a CRM needs most often (find, read, list, add and update the records people
 * work with: deals, persons, organizations, leads, activities, notes; the whole-account search; who am I), and
 * the lookups that turn a name into an ID for their fields that have no search of their own (users, pipelines,
 * stages, activity types). Deletes and everything else are one `find_operations` + `run_operation` away, or
 * listed with `--toolsets <resource>` / `all`. test/adapters/mcp/core.test.ts keeps every name here in the
 * manifest and the list within its bounds (at most 40 tools and 64 kB of `tools/list`).
 */
export const CORE_OPERATIONS: readonly string[] = [
  'search_deals',
  'get_deal',
  'list_deals',
  'add_deal',
  'update_deal',
  'search_persons',
  'get_person',
  'add_person',
  'update_person',
  'search_organization',
  'get_organization',
  'add_organization',
  'list_activities',
  'add_activity',
  'update_activity',
  'add_note',
  'get_current_user',
];

/** The lookups listed with the core. */
export const CORE_LOOKUPS: readonly string[] = ['users', 'pipelines', 'stages'];
