import { webhook, webhookOk } from '../../fixtures/account.js';
import type { OperationCase } from '../harness.js';

/** Webhooks managed by hand (API v1, admin only); Pipedrive's clear-text passwords never reach the output. */
const withAuth = { http_auth_user: 'warehouse', http_auth_password: 'n0t-in-the-output-7f3a' };
const redacted = { http_auth_user: 'warehouse', http_auth_password: '[redacted]' };
const triggerHook = webhook(4202, {
  name: 'Workflow trigger: Deal won [3f0c1a9e-6b1d-4e0f-9a55-1c2d3e4f5a6b]',
  subscription_url: 'https://connector.example.com/webhooks/pipedrive/3f0c1a9e-6b1d-4e0f-9a55-1c2d3e4f5a6b',
  http_auth_user: 'pdc_Jx3kq0Vd8Zr2mLw5Tn7YbA',
  http_auth_password: 'c2VjcmV0LXBhc3N3b3JkLW9mLXRoZS10cmlnZ2Vy',
});

const dealHook = {
  subscription_url: 'https://hooks.example.com/pipedrive/deals',
  event_action: 'change',
  event_object: 'deal',
  name: 'Deal changes to the data warehouse',
  version: '2.0',
};
const projectHook = {
  subscription_url: 'https://hooks.example.com/pipedrive/projects',
  event_action: '*',
  event_object: 'project',
  name: 'Project events',
  http_auth_user: null,
  http_auth_password: null,
};

const cases: OperationCase[] = [
  {
    op: 'list_webhooks',
    input: {},
    method: 'GET',
    path: '/v1/webhooks',
    reply: webhookOk([webhook(4201, withAuth), triggerHook]),
    output: webhookOk([webhook(4201, redacted), { ...triggerHook, http_auth_password: '[redacted]' }]),
  },
  {
    op: 'add_webhook',
    // A form's string ID is sent as a number; everything else exactly as given.
    input: { ...dealHook, user_id: '11', ...withAuth },
    method: 'POST',
    path: '/v1/webhooks',
    body: { ...dealHook, user_id: 11, ...withAuth },
    reply: webhookOk(webhook(4201, withAuth)),
    output: webhookOk(webhook(4201, redacted)),
  },
  {
    op: 'add_webhook',
    title: 'any event on projects, no credentials',
    input: projectHook,
    method: 'POST',
    path: '/v1/webhooks',
    body: projectHook,
    reply: webhookOk(
      webhook(4203, { ...projectHook, last_delivery_time: null, last_http_status: null, version: '2.0' }),
    ),
  },
  {
    op: 'delete_webhook',
    input: { id: '4201' },
    method: 'DELETE',
    path: '/v1/webhooks/4201',
    reply: { status: 'ok', success: true },
  },
];

export default cases;
