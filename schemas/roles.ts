import { z } from 'zod';
import { describe, labelled, record, visibleTo } from './common.js';

// ---------- roles ----------

/** The `{id}` of the role endpoints: a dropdown of the roles. */
export const roleId = (description = 'The ID of the role') =>
  z
    .int()
    .positive()
    .meta({ title: 'Role', description, 'x-lookup': { lookup: 'roles' } });

/** Fields of add_role (`name` required) and update_role. */
export const roleFields = {
  name: describe(z.string().min(1), 'The name of the role'),
  parent_role_id: describe(
    z.int().positive(),
    'The ID of the parent role in the hierarchy: a role sees what its sub-roles see (top level when omitted)',
    'Parent role',
  ),
};

/** A role as Pipedrive returns it. Its counts come as strings. */
export const role = record({
  id: describe(z.int(), 'The ID of the role'),
  name: describe(z.string(), 'The name of the role'),
  parent_role_id: describe(z.int(), 'The ID of the parent role'),
  active_flag: describe(z.boolean(), 'Whether the role is active'),
  assignment_count: describe(z.union([z.string(), z.int()]), 'The number of users assigned to the role'),
  sub_role_count: describe(z.union([z.string(), z.int()]), 'The number of sub-roles of the role'),
  level: describe(z.int(), 'The level of the role in the hierarchy (1: top)'),
});

/** `{ id }`, what add, update and delete answer. */
export const roleRef = (description: string) => record({ id: describe(z.int(), description) });

/** A user's assignment to a role. */
export const roleAssignment = record({
  user_id: describe(z.int(), 'The ID of the user'),
  role_id: describe(z.int(), 'The ID of the role'),
  parent_role_id: describe(z.int(), 'The ID of the parent role'),
  name: describe(z.string(), 'The name of the role'),
  active_flag: describe(z.boolean(), 'Whether the role is active'),
  type: describe(z.string(), 'The type of the assignment'),
});

const visibilityKinds = {
  deal: 'deals',
  lead: 'leads',
  org: 'organizations',
  person: 'persons',
  product: 'products',
} as const;

/** The visibility settings of a role (`get_role_settings`, `get_user_role_settings`). */
export const roleSettings = record({
  ...Object.fromEntries(
    Object.entries(visibilityKinds).map(([key, records]) => [
      `${key}_default_visibility`,
      describe(z.number(), `The default visibility of new ${records} of the role (1, 3, 5 or 7)`),
    ]),
  ),
  ...Object.fromEntries(
    (['deal', 'org', 'person', 'product'] as const).map((key) => [
      `${key}_access_level`,
      describe(z.number(), `The access level to ${visibilityKinds[key]} (default role only)`),
    ]),
  ),
} as Record<string, z.ZodType>);

/** Body of add_or_update_role_setting. */
export const roleSettingBody = {
  setting_key: labelled(
    Object.fromEntries(
      Object.entries(visibilityKinds).map(([key, records]) => [
        `${key}_default_visibility`,
        `Default visibility of ${records}`,
      ]),
    ) as Record<`${keyof typeof visibilityKinds}_default_visibility`, string>,
    'The setting to add or update: the default visibility of one kind of record',
    'Setting',
  ),
  value: visibleTo('The default visibility new records of that kind get for users of the role'),
};

/** A role's visible (or hidden) pipelines. */
export const rolePipelines = record({
  pipeline_ids: describe(z.array(z.number()), 'The IDs of the visible (or hidden) pipelines'),
  visible: describe(z.boolean(), 'Whether `pipeline_ids` are the visible pipelines (true) or hidden ones'),
});

const pipelineIds = (what: string) =>
  describe(z.array(z.int().positive()), `The IDs of the pipelines to ${what} for the role`);

/** `visible_pipeline_ids` of update_role_pipelines: the pipelines to show and to hide. */
export const visiblePipelineIds = describe(
  z
    .strictObject({ add: pipelineIds('make visible'), remove: pipelineIds('hide') })
    .partial()
    .refine((change) => change.add !== undefined || change.remove !== undefined, {
      message: 'give `add`, `remove` or both',
    })
    // The refinement, said in JSON Schema for forms and engines.
    .meta({ minProperties: 1 }),
  'The pipelines to make visible (`add`) and to hide (`remove`) for the role, e.g. `{ "add": [1], "remove": [3, 4] }`',
  'Pipeline visibility',
);

// ---------- permission sets ----------

/** The apps a permission set (or a user's access) belongs to. */
export const permissionApp = (description: string) =>
  labelled(
    {
      sales: 'Sales (deals, leads)',
      projects: 'Projects',
      campaigns: 'Campaigns',
      global: 'Global (contacts, activities, reports)',
      account_settings: 'Account settings',
      partnership: 'Partnership',
      nova: 'Nova',
    },
    description,
  );

/** The `{id}` of the permission set endpoints (a UUID): a dropdown of the permission sets. */
export const permissionSetId = () =>
  z.uuid().meta({
    title: 'Permission set',
    description: 'The ID (UUID) of the permission set',
    'x-lookup': { lookup: 'permission_sets' },
  });

/** A permission set as Pipedrive returns it; one read alone adds its `contents`. */
export const permissionSet = record({
  id: describe(z.string(), 'The ID (UUID) of the permission set'),
  name: describe(z.string(), 'The name of the permission set'),
  description: describe(z.string(), 'What the permission set allows'),
  app: describe(
    z.string(),
    'The app the permission set belongs to (sales, projects, campaigns, global, account_settings, ...)',
  ),
  type: describe(z.string(), 'The type of the permission set: admin, manager, regular or custom'),
  assignment_count: describe(z.int(), 'The number of users the permission set is assigned to'),
  contents: describe(
    z.array(z.string()),
    'The permissions of the set, e.g. `can_use_api`, `can_merge_deals` (get_permission_set only)',
  ),
});

/** A user's assignment to a permission set. */
export const permissionSetAssignment = record({
  user_id: describe(z.int(), 'The ID of the user'),
  permission_set_id: describe(z.string(), 'The ID (UUID) of the permission set'),
  name: describe(z.string(), 'The name of the permission set'),
});
