import add_call_log from './add_call_log.js';
import delete_call_log from './delete_call_log.js';
import get_call_log from './get_call_log.js';
import list_user_call_logs from './list_user_call_logs.js';

/** The call log operations (phone integrations; recordings are the files operations'). */
export default [add_call_log, delete_call_log, get_call_log, list_user_call_logs];
