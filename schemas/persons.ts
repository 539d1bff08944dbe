import { z } from 'zod';
import {
  addressInput,
  addressShape,
  customFieldsByName,
  date,
  describe,
  id,
  labelled,
  optional,
  record,
  searchItem,
  single,
} from './common.js';
import { contactBody, contactIncludeFields, contactOutput } from './organizations.js';
import { organizationRef, personEmails, personPhones, userRef } from './records.js';

/**
 * One email, phone or instant messaging account of a person. `label` is a string such as work, home,
 * mobile or other (the spec's `boolean` is wrong).
 */
const channel = <T extends z.ZodType>(value: T, what: string, labels: string) =>
  z
    .strictObject({
      value: describe(value, `The ${what} of the person`),
      primary: describe(z.boolean(), `Whether the ${what} is primary or not`),
      label: describe(z.string(), `The ${what} classification label, e.g. ${labels}`),
    })
    .partial();

const channelOut = (what: string) =>
  record({
    value: describe(z.string(), `The ${what} of the person`),
    primary: describe(z.boolean(), `Whether the ${what} is primary or not`),
    label: describe(z.string(), `The ${what} classification label`),
  });

const contactSync = 'only with contact sync enabled for the company';

/** Body of add_person and update_person: nothing is required. */
export const personBody = {
  ...optional({
    name: describe(z.string().min(1), 'The name of the person'),
    org_id: id('The ID of the organization linked to the person', 'Organization'),
    emails: describe(
      z.array(channel(z.email(), 'email address', 'work, home or other')),
      'The email addresses of the person',
    ),
    phones: describe(
      z.array(channel(z.string(), 'phone number', 'work, home, mobile or other')),
      'The phone numbers of the person',
    ),
  }),
  ...contactBody('person'),
  ...optional({
    marketing_status: labelled(
      {
        no_consent: 'No consent',
        unsubscribed: 'Unsubscribed',
        subscribed: 'Subscribed',
        archived: 'Archived',
      },
      'The marketing status (Campaigns product). A person without a valid email gets `no_consent`. It can change from one status to another only once; a forbidden change leaves it as it is.',
    ),
    postal_address: addressInput('person', `The postal address of the person (${contactSync})`),
    notes: describe(
      z.string().max(10000),
      `Contact sync notes of the person, at most 10,000 characters (${contactSync})`,
    ),
    im: describe(
      z.array(channel(z.string(), 'instant messaging account', 'skype or whatsapp')),
      `The instant messaging accounts of the person (${contactSync})`,
      'Instant messaging',
    ),
    birthday: date(`The birthday of the person, YYYY-MM-DD (${contactSync})`),
    job_title: describe(z.string(), `The job title of the person (${contactSync})`),
  }),
};

export const personIncludeFields = () =>
  contactIncludeFields(
    {
      participant_open_deals_count: 'Participant open deals count',
      participant_closed_deals_count: 'Participant closed deals count',
      last_incoming_mail_time: 'Last incoming mail time',
      last_outgoing_mail_time: 'Last outgoing mail time',
      marketing_status: 'Marketing status',
      doi_status: 'Double opt-in status',
    },
    '. `marketing_status` and `doi_status` need the Campaigns app.',
  );

/** A person as Pipedrive returns it. */
export const person = record({
  ...contactOutput('person'),
  first_name: describe(z.string(), 'The first name of the person'),
  last_name: describe(z.string(), 'The last name of the person'),
  org_id: describe(z.int(), 'The ID of the organization linked to the person'),
  emails: describe(z.array(channelOut('email address')), 'The email addresses of the person'),
  phones: describe(z.array(channelOut('phone number')), 'The phone numbers of the person'),
  picture_id: describe(z.int(), 'The ID of the picture of the person'),
  marketing_status: describe(z.string(), 'The marketing status of the person (Campaigns product)'),
  postal_address: describe(record(addressShape('person')), `Postal address of the person (${contactSync})`),
  notes: describe(z.string(), `Contact sync notes of the person (${contactSync})`),
  im: describe(
    z.array(channelOut('instant messaging account')),
    `The instant messaging accounts of the person (${contactSync})`,
  ),
  birthday: describe(z.string(), `The birthday of the person (${contactSync})`),
  job_title: describe(z.string(), `The job title of the person (${contactSync})`),
  custom_fields_by_name: customFieldsByName(),
});

/** The `item` of a person search hit. */
export const personSearchItem = searchItem('person', {
  name: describe(z.string(), 'The name of the person'),
  phones: describe(z.array(z.string()), 'The phone numbers of the person'),
  emails: describe(z.array(z.string()), 'The email addresses of the person'),
  organization: describe(
    record({
      id: describe(z.int(), 'The ID of the organization'),
      name: describe(z.string(), 'The name of the organization'),
      address: describe(z.string(), 'The address of the organization'),
    }),
    'The organization the person is linked to',
  ),
});

// ---------- API v1 persons (merge, participants) ----------

/**
 * A person as API v1 answers it. Its owner and organization are IDs in some answers and objects in others
 * (the participants of a deal); custom field values come as extra keys (40-character hashes).
 */
export const personV1 = record({
  id: describe(z.int(), 'The ID of the person'),
  company_id: describe(z.int(), 'The ID of the company'),
  owner_id: describe(z.union([z.int(), userRef]), 'The user who owns the person (an ID, or the user)'),
  org_id: describe(
    z.union([z.int(), organizationRef]),
    'The organization of the person (an ID, or the organization)',
  ),
  name: describe(z.string(), 'The name of the person'),
  first_name: describe(z.string(), 'The first name of the person'),
  last_name: describe(z.string(), 'The last name of the person'),
  active_flag: describe(z.boolean(), 'Whether the person is active (not deleted)'),
  phone: personPhones(),
  email: personEmails(),
  first_char: describe(z.string(), 'The first letter of the name of the person'),
  add_time: describe(z.string(), 'When the person was added (UTC, YYYY-MM-DD HH:MM:SS)'),
  update_time: describe(z.string(), 'When the person was last updated (UTC, YYYY-MM-DD HH:MM:SS)'),
  visible_to: describe(z.union([z.string(), z.int()]), 'The visibility of the person (1, 3, 5 or 7)'),
  picture_id: describe(
    record({
      id: describe(z.int(), 'The ID of the picture'),
      item_type: describe(z.string(), 'The kind of record the picture belongs to (`person`)'),
      item_id: describe(z.int(), 'The ID of the person'),
      active_flag: describe(z.boolean(), 'Whether the picture is active'),
      add_time: describe(z.string(), 'When the picture was added'),
      update_time: describe(z.string(), 'When the picture was last updated'),
      added_by_user_id: describe(z.int(), 'The ID of the user who added the picture'),
      pictures: describe(
        record({
          '128': describe(z.string(), 'The URL of the 128×128 picture'),
          '512': describe(z.string(), 'The URL of the 512×512 picture'),
        }),
        'The picture in its sizes',
      ),
      value: describe(z.int(), 'The ID of the picture'),
    }),
    'The picture of the person',
  ),
  label: describe(
    z.union([z.int(), z.string()]),
    'The label of the person (its ID; some answers list several)',
  ),
  label_ids: describe(z.array(z.int()), 'The IDs of the labels of the person'),
  org_name: describe(z.string(), 'The name of the organization of the person'),
  owner_name: describe(z.string(), 'The name of the user who owns the person'),
  cc_email: describe(z.string(), 'The BCC email address of the person'),
  email_messages_count: describe(z.int(), 'The number of email messages of the person'),
  activities_count: describe(z.int(), 'The number of activities of the person'),
  done_activities_count: describe(z.int(), 'The number of done activities of the person'),
  undone_activities_count: describe(z.int(), 'The number of activities of the person still to do'),
  files_count: describe(z.int(), 'The number of files of the person'),
  notes_count: describe(z.int(), 'The number of notes of the person'),
  followers_count: describe(z.int(), 'The number of followers of the person'),
  last_incoming_mail_time: describe(z.string(), 'When the last email from the person came in'),
  last_outgoing_mail_time: describe(z.string(), 'When the last email to the person went out'),
  open_deals_count: describe(z.int(), 'The number of open deals of the person'),
  related_open_deals_count: describe(z.int(), 'The number of open deals the person is related to'),
  closed_deals_count: describe(z.int(), 'The number of closed deals of the person'),
  related_closed_deals_count: describe(z.int(), 'The number of closed deals the person is related to'),
  participant_open_deals_count: describe(z.int(), 'The number of open deals the person participates in'),
  participant_closed_deals_count: describe(z.int(), 'The number of closed deals the person participates in'),
  won_deals_count: describe(z.int(), 'The number of won deals of the person'),
  related_won_deals_count: describe(z.int(), 'The number of won deals the person is related to'),
  lost_deals_count: describe(z.int(), 'The number of lost deals of the person'),
  related_lost_deals_count: describe(z.int(), 'The number of lost deals the person is related to'),
  next_activity_date: describe(z.string(), 'The date of the next activity of the person'),
  next_activity_time: describe(z.string(), 'The time of the next activity of the person'),
  next_activity_id: describe(z.int(), 'The ID of the next activity of the person'),
  last_activity_id: describe(z.int(), 'The ID of the last activity of the person'),
  last_activity_date: describe(z.string(), 'The date of the last activity of the person'),
  marketing_status: describe(z.string(), 'The marketing status of the person (Campaigns product)'),
});

/** Output of merge_persons: the person that stays. */
export const mergedPerson = single(
  personV1.extend(
    record({ merge_what_id: describe(z.int(), 'The ID of the person that was merged into this one') }).shape,
  ),
);
