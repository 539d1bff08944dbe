import type { StubRequest, StubRoute } from './pipedrive-stub.js';
import { registerSecret } from './secrets.js';

/** A webhook as Pipedrive's /v1/webhooks keeps it (with the credentials it was registered with). */
export interface StubWebhook {
  id: number;
  subscription_url: string;
  event_action: string;
  event_object: string;
  version: string;
  http_auth_user: string;
  http_auth_password: string;
  is_active: number;
}

/**
 * Pipedrive's /v1/webhooks for the local stub (test/helpers/pipedrive-stub.ts): list, create (IDs from 4201;
 * the password registered as a secret) and delete, over one list the test can read and reset.
 */
export function webhookRoutes() {
  const state = { webhooks: [] as StubWebhook[], nextId: 4201 };
  const routes: StubRoute[] = [
    { method: 'GET', path: '/v1/webhooks', reply: () => ({ success: true, data: state.webhooks }) },
    {
      method: 'POST',
      path: '/v1/webhooks',
      status: 201,
      reply: (r: StubRequest) => {
        const created = { ...(r.body as StubWebhook), id: state.nextId++, is_active: 1 };
        registerSecret(created.http_auth_password);
        state.webhooks.push(created);
        return { success: true, data: created };
      },
    },
    {
      method: 'DELETE',
      path: '/v1/webhooks/{id}',
      reply: (r: StubRequest) => {
        const id = Number(r.path.split('/').pop());
        state.webhooks = state.webhooks.filter((w) => w.id !== id);
        return { success: true, data: { id } };
      },
    },
  ];
  return { routes, state };
}
