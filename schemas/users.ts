import { z } from 'zod';
import { describe, record } from './common.js';

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
