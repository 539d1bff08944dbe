import get_mail_message from './get_mail_message.js';

/** The mail operations. */
export default [get_mail_message];
