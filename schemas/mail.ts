import { z } from 'zod';
import { describe, record } from './common.js';

const flag = (description: string) => describe(z.int(), `${description} (1: yes, 0: no)`);

const party = record({
  id: describe(z.int(), 'The ID of the mail participant'),
  email_address: describe(z.string(), 'The email address of the participant'),
  name: describe(z.string(), 'The name of the participant'),
  linked_person_id: describe(z.int(), 'The ID of the person linked to the participant'),
  linked_person_name: describe(z.string(), 'The name of the person linked to the participant'),
  mail_message_party_id: describe(z.int(), 'The ID of the participant in this message'),
});

/** A mail message as Pipedrive returns it (API v1 Mailbox). */
export const mailMessage = record({
  id: describe(z.int(), 'The ID of the mail message'),
  from: describe(z.array(party), 'The senders'),
  to: describe(z.array(party), 'The recipients'),
  cc: describe(z.array(party), 'The CC recipients'),
  bcc: describe(z.array(party), 'The BCC recipients'),
  subject: describe(z.string(), 'The subject of the message'),
  snippet: describe(z.string(), 'The start of the message text (up to 225 characters)'),
  body_url: describe(z.string(), 'The URL of the message body'),
  account_id: describe(z.string(), 'The ID of the connected mail account'),
  user_id: describe(z.int(), 'The ID of the user the message belongs to'),
  mail_thread_id: describe(z.int(), 'The ID of the mail thread'),
  mail_tracking_status: describe(
    z.string(),
    'The tracking status (`opened`, `not opened`); null when tracking is off',
  ),
  mail_link_tracking_enabled_flag: flag('Whether link tracking is enabled in the message body'),
  read_flag: flag('Whether the user has read the message'),
  draft: describe(z.string(), 'The draft as a JSON string when the message is a draft'),
  draft_flag: flag('Whether the message is a draft'),
  synced_flag: flag('Whether the message is synced with the mail provider'),
  deleted_flag: flag('Whether the message is deleted'),
  has_body_flag: flag('Whether the message has a body'),
  sent_flag: flag('Whether the message has been sent'),
  sent_from_pipedrive_flag: flag('Whether the message was sent from Pipedrive'),
  smart_bcc_flag: flag('Whether the message was created by Smart Email BCC'),
  message_time: describe(z.string(), 'When the message was sent or received'),
  add_time: describe(z.string(), 'When the message was stored in Pipedrive'),
  update_time: describe(z.string(), 'When the message was last updated in Pipedrive'),
  has_attachments_flag: flag('Whether the message has attachments'),
  has_inline_attachments_flag: flag('Whether the message has inline attachments'),
  has_real_attachments_flag: flag('Whether the message has attachments that are not inline'),
});

/** The Mailbox envelope: `{ success, statusCode, statusText, service, data }`. */
export const mailResponse = z.looseObject({
  success: describe(z.boolean(), 'Whether the request succeeded'),
  statusCode: describe(z.int().optional(), "The mail service's own status code"),
  statusText: describe(z.string().optional(), "The mail service's status text"),
  service: describe(z.string().optional(), 'The name of the mail service'),
  data: mailMessage.nullable(),
});
