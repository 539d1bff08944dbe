import delete_mail_thread from './delete_mail_thread.js';
import get_mail_message from './get_mail_message.js';
import get_mail_thread from './get_mail_thread.js';
import get_mail_thread_messages from './get_mail_thread_messages.js';
import list_mail_threads from './list_mail_threads.js';
import update_mail_thread from './update_mail_thread.js';

/** The mail operations: the Pipedrive mailbox's threads and messages. */
export default [
  delete_mail_thread,
  get_mail_message,
  get_mail_thread,
  get_mail_thread_messages,
  list_mail_threads,
  update_mail_thread,
];
