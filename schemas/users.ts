import { z } from 'zod';
import { describe, optional, record } from './common.js';
import { permissionApp } from './roles.js';

const userShape = {
  id: describe(z.int(), 'The ID of the user'),
  name: describe(z.string(), 'The name of the user'),
  email: describe(z.string(), 'The email address of the user'),
  phone: describe(z.string(), 'The phone number of the user'),
  default_currency: describe(z.string(), 'The default currency of the user (3-letter code)'),
  locale: describe(z.string(), 'The date and number format of the user, e.g. `en_US`'),
  lang: describe(z.int(), 'The ID of the language of the user'),
  activated: describe(z.boolean(), 'Whether the user is activated'),
  active_flag: describe(z.boolean(), 'Whether the user is active'),
  is_deleted: describe(z.boolean(), 'Whether the user was deleted from the company'),
  is_you: describe(z.boolean(), 'Whether the user is the one making the request'),
  has_created_company: describe(z.boolean(), 'Whether the user created the company'),
  last_login: describe(z.string(), 'The last login time of the user (YYYY-MM-DD HH:MM:SS)'),
  created: describe(z.string(), 'The creation time of the user (YYYY-MM-DD HH:MM:SS)'),
  modified: describe(z.string(), 'The last modification time of the user (YYYY-MM-DD HH:MM:SS)'),
  access: describe(
    z.array(
      record({
        app: describe(
          z.string(),
          'The app the access applies to (global, sales, campaigns, projects, account_settings, partnership, nova)',
        ),
        admin: describe(z.boolean(), 'Whether the user is an admin of the app'),
        permission_set_id: describe(z.string(), 'The ID of the permission set of the user in the app'),
      }),
    ),
    'The access of the user to each Pipedrive app',
  ),
  timezone_name: describe(z.string(), 'The time zone of the user, e.g. `Europe/Berlin`'),
  timezone_offset: describe(z.string(), 'The UTC offset of the time zone of the user, e.g. `+02:00`'),
  role_id: describe(z.int(), 'The ID of the role of the user'),
  icon_url: describe(z.string(), 'The URL of the avatar of the user'),
};

/** A user as Pipedrive returns it. */
export const user = record(userShape);

/** The authorized user, with their company and language. */
export const currentUser = record({
  ...userShape,
  company_id: describe(z.int(), 'The ID of the company'),
  company_name: describe(z.string(), 'The name of the company'),
  company_domain: describe(z.string(), 'The Pipedrive subdomain of the company'),
  company_country: describe(z.string(), 'The country of the company (2-letter code)'),
  company_industry: describe(z.string(), 'The industry of the company'),
  language: describe(
    record({
      language_code: describe(z.string(), 'The language code, e.g. `en`'),
      country_code: describe(z.string(), 'The country code, e.g. `US`'),
    }),
    'The language of the user',
  ),
});

/** The `{id}` of the user endpoints: a dropdown of the users. */
export const userId = () =>
  z
    .int()
    .positive()
    .meta({ title: 'User', description: 'The ID of the user', 'x-lookup': { lookup: 'users' } });

const activeFlag = describe(
  z.boolean(),
  'Whether the user is active (true) or deactivated (false); a deactivated user cannot sign in',
  'Active',
);

/** Body of add_user: the email address, and optionally the apps the user may use. */
export const addUserBody = {
  email: describe(z.email(), 'The email address of the new user; Pipedrive invites them there'),
  ...optional({
    access: describe(
      z.array(
        z.strictObject({
          app: permissionApp('The app the user gets access to'),
          ...optional({
            admin: describe(z.boolean(), 'Whether the user is an admin of the app'),
            permission_set_id: describe(
              z.guid(),
              "The permission set the user gets in the app (its ID); the app's default set when omitted",
              'Permission set',
            ),
          }),
        }),
      ),
      'The apps the user may use, each with an admin flag or a permission set (else the default access of the app), e.g. `[{ "app": "sales", "permission_set_id": "…" }, { "app": "global", "admin": true }]`. Default: sales.',
    ),
    active_flag: activeFlag,
  }),
};

/** Body of update_user: only `active_flag` can change. */
export const updateUserBody = { active_flag: activeFlag };

const can = (what: string) => describe(z.boolean(), `Whether the user can ${what}`);

/** What a user may do, over all their permission sets. */
export const userPermissions = record({
  can_add_custom_fields: can('add custom fields'),
  can_add_products: can('add products'),
  can_add_prospects_as_leads: can('add prospects as leads'),
  can_bulk_edit_items: can('edit items in bulk'),
  can_change_visibility_of_items: can('change the visibility of items'),
  can_convert_deals_to_leads: can('convert deals to leads'),
  can_create_own_workflow: can('create workflow automations'),
  can_delete_activities: can('delete activities'),
  can_delete_custom_fields: can('delete custom fields'),
  can_delete_deals: can('delete deals'),
  can_edit_custom_fields: can('edit custom fields'),
  can_edit_deals_closed_date: can('edit the closing date of deals'),
  can_edit_products: can('edit products'),
  can_edit_shared_filters: can('edit shared filters'),
  can_export_data_from_lists: can('export data from lists'),
  can_follow_other_users: can('follow other users'),
  can_merge_deals: can('merge deals'),
  can_merge_organizations: can('merge organizations'),
  can_merge_people: can('merge persons'),
  can_modify_labels: can('modify labels'),
  can_see_company_wide_statistics: can('see company-wide statistics'),
  can_see_deals_list_summary: can('see the summary of the deals list'),
  can_see_hidden_items_names: can('see the names of hidden items'),
  can_see_other_users: can('see other users'),
  can_see_other_users_statistics: can("see other users' statistics"),
  can_see_security_dashboard: can('see the security dashboard'),
  can_share_filters: can('share filters'),
  can_share_insights: can('share insights'),
  can_use_api: can('use the API'),
  can_use_email_tracking: can('use email tracking'),
  can_use_import: can('import data'),
});

/** Settings of the authorized user (Pipedrive documents a few; the answer has many more). */
export const userSettings = record({
  list_limit: describe(z.number(), 'How many records lists show by default'),
  beta_app: describe(z.boolean(), 'Whether the beta app is on'),
  marketplace_team: describe(z.boolean(), 'Whether the user may be part of the Marketplace team'),
  prevent_salesphone_callto_override: describe(z.boolean(), 'Whether Salesphone may not override call links'),
  file_upload_destination: describe(z.string(), 'Where uploaded files are stored, e.g. `s3`'),
  callto_link_syntax: describe(z.string(), 'How phone numbers become call links, e.g. `callto:[number]`'),
  autofill_deal_expected_close_date: describe(
    z.boolean(),
    'Whether the expected close date of new deals is filled in automatically',
  ),
  person_duplicate_condition: describe(
    z.string(),
    'When a new person counts as a duplicate, e.g. `name && (org_id || email || phone)`',
  ),
});

/** The third-party accounts the authorized user has connected. */
export const userConnections = record({
  google: describe(
    z.union([z.string(), z.boolean()]),
    "The user's Google account ID, or false when none is connected",
  ),
});
