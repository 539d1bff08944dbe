import { z } from 'zod';
import { describe, id, labelled, optional, record, uuid } from './common.js';
import { numberFlag } from './reference.js';

const flag = (description: string) => describe(z.int(), `${description} (1: yes, 0: no)`);

/** A participant of a message or thread (threads and thread messages add when they last wrote). */
const party = record({
  id: describe(z.int(), 'The ID of the mail participant'),
  email_address: describe(z.string(), 'The email address of the participant'),
  name: describe(z.string(), 'The name of the participant'),
  linked_person_id: describe(z.int(), 'The ID of the person linked to the participant'),
  linked_person_name: describe(z.string(), 'The name of the person linked to the participant'),
  linked_organization_id: describe(z.int(), 'The ID of the organization linked to the participant'),
  mail_message_party_id: describe(z.int(), 'The ID of the participant in this message'),
  latest_sent: describe(z.boolean(), 'Whether the participant sent the latest message'),
  message_time: describe(z.number(), 'When the participant last wrote (milliseconds since 1970)'),
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

// ---------- mail threads ----------

/** The `{id}` of the mail thread endpoints: a dropdown of the recent threads. */
export const mailThreadId = () =>
  z
    .int()
    .positive()
    .meta({
      title: 'Mail thread',
      description: 'The ID of the mail thread',
      'x-lookup': { lookup: 'mail_threads' },
    });

/** The folders of the Pipedrive mailbox. */
export const mailFolder = () =>
  labelled(
    { inbox: 'Inbox', drafts: 'Drafts', sent: 'Sent', archive: 'Archive' },
    'The mailbox folder to list the threads of',
  );

/** A mail thread as Pipedrive returns it (API v1 Mailbox). */
export const mailThread = record({
  id: describe(z.int(), 'The ID of the mail thread'),
  subject: describe(z.string(), 'The subject of the thread'),
  snippet: describe(z.string(), 'The start of the latest message'),
  snippet_draft: describe(z.string(), 'The start of the draft, if any'),
  snippet_sent: describe(z.string(), 'The start of the latest sent message'),
  account_id: describe(z.string(), 'The ID of the connected mail account'),
  user_id: describe(z.int(), 'The ID of the user the thread belongs to'),
  parties: describe(
    record({
      from: describe(z.array(party), 'The senders'),
      to: describe(z.array(party), 'The recipients'),
    }),
    'The participants of the thread',
  ),
  drafts_parties: describe(z.array(z.record(z.string(), z.unknown())), 'The participants of the drafts'),
  folders: describe(z.array(z.string()), 'The folders the messages of the thread are in'),
  version: describe(z.number(), 'The version of the thread'),
  message_count: describe(z.int(), 'The number of messages in the thread'),
  deal_id: describe(z.int(), 'The ID of the deal the thread is linked to'),
  deal_status: describe(z.string(), 'The status of the linked deal'),
  lead_id: describe(z.string(), 'The ID (UUID) of the lead the thread is linked to'),
  read_flag: flag('Whether the thread is read'),
  shared_flag: flag('Whether the thread is shared with the company'),
  archived_flag: flag('Whether the thread is archived'),
  deleted_flag: flag('Whether the thread is deleted'),
  synced_flag: flag('Whether the thread is synced with the mail provider'),
  external_deleted_flag: flag('Whether the thread was deleted in the mail provider'),
  smart_bcc_flag: flag('Whether a participant is the Smart BCC address'),
  mail_link_tracking_enabled_flag: flag('Whether link tracking is enabled'),
  mail_tracking_status: describe(z.string(), 'The tracking status (`opened`, `not opened`)'),
  has_attachments_flag: flag('Whether the thread has attachments'),
  has_inline_attachments_flag: flag('Whether the thread has inline attachments'),
  has_real_attachments_flag: flag('Whether the thread has attachments that are not inline'),
  has_draft_flag: flag('Whether the thread has a draft'),
  has_sent_flag: flag('Whether the thread has sent messages'),
  all_messages_sent_flag: flag('Whether all messages of the thread were sent'),
  first_message_to_me_flag: flag('Whether the thread was started by someone else'),
  first_message_timestamp: describe(z.string(), 'When the first message was received or written'),
  last_message_timestamp: describe(z.string(), 'When the latest message was received or sent'),
  last_message_sent_timestamp: describe(z.string(), 'When a message was last sent'),
  last_message_received_timestamp: describe(z.string(), 'When a message was last received'),
  add_time: describe(z.string(), 'When the thread was stored in Pipedrive'),
  update_time: describe(z.string(), 'When the thread was last updated in Pipedrive'),
});

/** Body of update_mail_thread: only the fields given change. */
export const updateMailThreadBody = optional({
  deal_id: id('The ID of the deal to link the thread to', 'Deal'),
  lead_id: uuid('The ID (UUID) of the lead to link the thread to', 'Lead'),
  shared_flag: numberFlag('Share the thread with the company (1) or not (0)', {
    0: 'Not shared',
    1: 'Shared',
  }),
  read_flag: numberFlag('Mark the thread read (1) or unread (0)', { 0: 'Unread', 1: 'Read' }),
  archived_flag: numberFlag('Archive the thread (1) or not (0); only threads of the inbox can be archived', {
    0: 'Not archived',
    1: 'Archived',
  }),
});
