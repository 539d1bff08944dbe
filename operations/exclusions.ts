/**
 * The live endpoints of Pipedrive's API that have no operation of their own, each with its reason
 * (test/coverage.test.ts: every other live endpoint is reached by exactly one operation; docs/operations.md
 * shows this table). Two kinds of row:
 *
 * - the OAuth 2.0 endpoints, which belong to the connection's auth (auth/), not to operations;
 * - API v1 endpoints that an API v2 operation replaces (`replacedBy`): v2 wherever it exists, so the v1 twin is
 *   reached through the v2 operation. The test checks that the operation exists, is v2 and does the same.
 *
 * An endpoint is written `METHOD /v1/path` or `METHOD /api/v2/path`, with the placeholders of Pipedrive's document.
 */
export interface Exclusion {
  endpoint: string;
  /** The v2 operation that reaches this v1 endpoint's records instead. */
  replacedBy?: string;
  reason: string;
}

const OAUTH =
  "Pipedrive's OAuth 2.0 server, not its API: the connector's OAuth flow (auth/, docs/auth.md) uses it";
const V2_SAME = 'API v2 has the same endpoint';
const V2_FIELD =
  'API v2 has the same endpoint, for the field by its `field_code` instead of its v1 numeric ID';
const V2_PATCH = 'API v2 has the same endpoint, updating with PATCH';
const V2_BOARDS =
  'API v2 has the same endpoint one level up (`/boards`, `/phases`), with add, update and delete';

export const exclusions: readonly Exclusion[] = [
  { endpoint: 'GET /v1/oauth/authorize', reason: OAUTH },
  { endpoint: 'POST /v1/oauth/token', reason: OAUTH },
  { endpoint: 'POST /v1/oauth/token/', reason: OAUTH },

  { endpoint: 'GET /v1/activityFields', replacedBy: 'list_activity_fields', reason: V2_SAME },
  { endpoint: 'GET /v1/dealFields', replacedBy: 'list_deal_fields', reason: V2_SAME },
  { endpoint: 'GET /v1/organizationFields', replacedBy: 'list_organization_fields', reason: V2_SAME },
  { endpoint: 'GET /v1/personFields', replacedBy: 'list_person_fields', reason: V2_SAME },
  { endpoint: 'GET /v1/productFields', replacedBy: 'list_product_fields', reason: V2_SAME },

  { endpoint: 'POST /v1/dealFields', replacedBy: 'add_deal_field', reason: V2_SAME },
  { endpoint: 'GET /v1/dealFields/{id}', replacedBy: 'get_deal_field', reason: V2_FIELD },
  { endpoint: 'PUT /v1/dealFields/{id}', replacedBy: 'update_deal_field', reason: V2_FIELD },
  { endpoint: 'DELETE /v1/dealFields/{id}', replacedBy: 'delete_deal_field', reason: V2_FIELD },
  { endpoint: 'POST /v1/organizationFields', replacedBy: 'add_organization_field', reason: V2_SAME },
  { endpoint: 'GET /v1/organizationFields/{id}', replacedBy: 'get_organization_field', reason: V2_FIELD },
  { endpoint: 'PUT /v1/organizationFields/{id}', replacedBy: 'update_organization_field', reason: V2_FIELD },
  {
    endpoint: 'DELETE /v1/organizationFields/{id}',
    replacedBy: 'delete_organization_field',
    reason: V2_FIELD,
  },
  { endpoint: 'POST /v1/personFields', replacedBy: 'add_person_field', reason: V2_SAME },
  { endpoint: 'GET /v1/personFields/{id}', replacedBy: 'get_person_field', reason: V2_FIELD },
  { endpoint: 'PUT /v1/personFields/{id}', replacedBy: 'update_person_field', reason: V2_FIELD },
  { endpoint: 'DELETE /v1/personFields/{id}', replacedBy: 'delete_person_field', reason: V2_FIELD },
  { endpoint: 'POST /v1/productFields', replacedBy: 'add_product_field', reason: V2_SAME },
  { endpoint: 'GET /v1/productFields/{id}', replacedBy: 'get_product_field', reason: V2_FIELD },
  { endpoint: 'PUT /v1/productFields/{id}', replacedBy: 'update_product_field', reason: V2_FIELD },
  { endpoint: 'DELETE /v1/productFields/{id}', replacedBy: 'delete_product_field', reason: V2_FIELD },

  { endpoint: 'GET /v1/deals/{id}/followers', replacedBy: 'get_deal_followers', reason: V2_SAME },
  { endpoint: 'POST /v1/deals/{id}/followers', replacedBy: 'add_deal_follower', reason: V2_SAME },
  {
    endpoint: 'DELETE /v1/deals/{id}/followers/{follower_id}',
    replacedBy: 'delete_deal_follower',
    reason: V2_SAME,
  },
  {
    endpoint: 'GET /v1/organizations/{id}/followers',
    replacedBy: 'get_organization_followers',
    reason: V2_SAME,
  },
  {
    endpoint: 'POST /v1/organizations/{id}/followers',
    replacedBy: 'add_organization_follower',
    reason: V2_SAME,
  },
  {
    endpoint: 'DELETE /v1/organizations/{id}/followers/{follower_id}',
    replacedBy: 'delete_organization_follower',
    reason: V2_SAME,
  },
  { endpoint: 'GET /v1/persons/{id}/followers', replacedBy: 'get_person_followers', reason: V2_SAME },
  { endpoint: 'POST /v1/persons/{id}/followers', replacedBy: 'add_person_follower', reason: V2_SAME },
  {
    endpoint: 'DELETE /v1/persons/{id}/followers/{follower_id}',
    replacedBy: 'delete_person_follower',
    reason: V2_SAME,
  },
  { endpoint: 'GET /v1/products/{id}/followers', replacedBy: 'get_product_followers', reason: V2_SAME },
  { endpoint: 'POST /v1/products/{id}/followers', replacedBy: 'add_product_follower', reason: V2_SAME },
  {
    endpoint: 'DELETE /v1/products/{id}/followers/{follower_id}',
    replacedBy: 'delete_product_follower',
    reason: V2_SAME,
  },
  { endpoint: 'GET /v1/users/{id}/followers', replacedBy: 'get_user_followers', reason: V2_SAME },

  {
    endpoint: 'PUT /v1/persons/{id}',
    replacedBy: 'update_person',
    reason: 'API v2 updates persons with PATCH (the other v1 person endpoints are deprecated)',
  },
  { endpoint: 'GET /v1/leads/search', replacedBy: 'search_leads', reason: V2_SAME },

  { endpoint: 'GET /v1/projects/boards', replacedBy: 'list_project_boards', reason: V2_BOARDS },
  { endpoint: 'GET /v1/projects/boards/{id}', replacedBy: 'get_project_board', reason: V2_BOARDS },
  { endpoint: 'GET /v1/projects/phases', replacedBy: 'list_project_phases', reason: V2_BOARDS },
  { endpoint: 'GET /v1/projects/phases/{id}', replacedBy: 'get_project_phase', reason: V2_BOARDS },
  { endpoint: 'GET /v1/projects', replacedBy: 'list_projects', reason: V2_SAME },
  { endpoint: 'POST /v1/projects', replacedBy: 'add_project', reason: V2_SAME },
  { endpoint: 'GET /v1/projects/{id}', replacedBy: 'get_project', reason: V2_SAME },
  { endpoint: 'PUT /v1/projects/{id}', replacedBy: 'update_project', reason: V2_PATCH },
  { endpoint: 'DELETE /v1/projects/{id}', replacedBy: 'delete_project', reason: V2_SAME },
  { endpoint: 'POST /v1/projects/{id}/archive', replacedBy: 'archive_project', reason: V2_SAME },
  // A project's tasks are the v2 tasks with its project_id; its activities are not the v2 activities filtered
  // (API v2 has no project filter on /activities), so GET /v1/projects/{id}/activities keeps a v1 operation.
  {
    endpoint: 'GET /v1/projects/{id}/tasks',
    replacedBy: 'list_tasks',
    reason:
      "API v2 lists a project's tasks with `list_tasks` and its `project_id` (the same tasks; v1's own list has no filters or pages)",
  },
  { endpoint: 'GET /v1/tasks', replacedBy: 'list_tasks', reason: V2_SAME },
  { endpoint: 'POST /v1/tasks', replacedBy: 'add_task', reason: V2_SAME },
  { endpoint: 'GET /v1/tasks/{id}', replacedBy: 'get_task', reason: V2_SAME },
  { endpoint: 'PUT /v1/tasks/{id}', replacedBy: 'update_task', reason: V2_PATCH },
  { endpoint: 'DELETE /v1/tasks/{id}', replacedBy: 'delete_task', reason: V2_SAME },
  { endpoint: 'GET /v1/projectTemplates', replacedBy: 'list_project_templates', reason: V2_SAME },
  { endpoint: 'GET /v1/projectTemplates/{id}', replacedBy: 'get_project_template', reason: V2_SAME },
];
