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
} from './common.js';
import { contactBody, contactIncludeFields, contactOutput } from './organizations.js';

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
