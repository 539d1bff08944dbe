/**
 * What the playground's browser tests share: Chromium with the playground built and the page's console
 * problems collected, Pipedrive's webhook endpoints on the stub, and a delivery to the webhook the host made.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { buildPlayground } from '../../scripts/build-playground.js';
import { v2Payload } from '../fixtures/webhooks.js';
import { CHROMIUM, launchChromium } from './chromium.js';
import type { PipedriveStub } from './pipedrive-stub.js';

export interface PlaygroundBrowser {
  context: BrowserContext;
  page: Page;
  /** Console errors and warnings, and uncaught errors, of the page so far. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * Debian's Chromium (installed by scripts/ensure-chromium.sh when absent: root on Debian, as in CI; a clear
 * error otherwise) on a fresh profile, with the playground bundle built.
 */
export async function openPlaygroundBrowser(): Promise<PlaygroundBrowser> {
  execFileSync('bash', [fileURLToPath(new URL('../../scripts/ensure-chromium.sh', import.meta.url))], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CHROMIUM_PATH: CHROMIUM },
    timeout: 280_000,
  });
  await buildPlayground();
  const profile = mkdtempSync(join(tmpdir(), 'pd-chromium-'));
  const context = await launchChromium(profile);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`console.${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Pipedrive's webhook endpoints (v1) on the stub: none listed, one made with WEBHOOK_ID, deleted. */
export function webhookRoutes(webhookId: number) {
  return [
    { method: 'GET', path: '/v1/webhooks', reply: { success: true, data: [] } },
    {
      method: 'POST',
      path: '/v1/webhooks',
      status: 201,
      reply: { success: true, data: { id: webhookId, event_action: 'change', event_object: 'deal' } },
    },
    { method: 'DELETE', path: '/v1/webhooks/{id}', reply: { success: true, data: { id: webhookId } } },
  ];
}

/**
 * Deliver an event as Pipedrive does to the webhook the host registered on the stub: to its callback path on
 * BASE (PUBLIC_URL names port 0 in tests), with its Basic credentials. Returns the HTTP status.
 */
export async function deliverToWebhook(
  stub: PipedriveStub,
  base: string,
  event: Parameters<typeof v2Payload>[0],
): Promise<number> {
  const registered = stub.requests.find((r) => r.method === 'POST' && r.path === '/v1/webhooks')?.body as {
    subscription_url: string;
    http_auth_user: string;
    http_auth_password: string;
  };
  const credentials = `${registered.http_auth_user}:${registered.http_auth_password}`;
  const delivery = await fetch(new URL(new URL(registered.subscription_url).pathname, base), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
    },
    body: JSON.stringify(v2Payload(event)),
  });
  return delivery.status;
}
