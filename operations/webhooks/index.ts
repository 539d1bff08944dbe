import add_webhook from './add_webhook.js';
import delete_webhook from './delete_webhook.js';
import list_webhooks from './list_webhooks.js';

/** The webhook operations, for webhooks managed by hand (the triggers manage their own). */
export default [add_webhook, delete_webhook, list_webhooks];
