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

/**
 * The page's side of `checkForm`: open the entry by its link (`#/operations/<name>`, as the app follows a changed
 * fragment), wait for its form, count the fields the form cannot render, press "Fill with example" (operations),
 * then "Check" (the page's own Ajv), and read the verdict. Every wait is on the DOM (a MutationObserver), bounded
 * by `limitMs`; between the two presses one task goes by, as it did when each press was its own round trip:
 * React applies a click's update within it (microtasks), so "Check" validates the example.
 */
const CHECK_FORM = `async ({ tab, name, limitMs }) => {
  const until = (what, find) => new Promise((resolve, reject) => {
    const look = () => {
      const found = find();
      if (!found) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(found);
    };
    const observer = new MutationObserver(look);
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(name + ': no ' + what + ' within ' + limitMs + ' ms'));
    }, limitMs);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    look();
  });
  const button = (form, label) => {
    const found = [...form.querySelectorAll('button')].find((candidate) => candidate.textContent.trim() === label);
    if (!found) throw new Error(name + ': no "' + label + '" button');
    return found;
  };
  window.location.hash = '#/' + tab + '/' + encodeURIComponent(name);
  const form = await until('form', () =>
    document.querySelector('[data-entry="' + CSS.escape(name) + '"][data-ready="true"] form.rjsf'),
  );
  const unsupported = form.querySelectorAll('.unsupported-field').length;
  if (tab === 'operations') {
    button(form, 'Fill with example').click();
    await new Promise((resolve) => setTimeout(resolve));
  }
  button(form, 'Check').click();
  const verdict = await until('verdict after Check', () => form.querySelector('.check-ok, .errors'));
  return { unsupported, valid: verdict.className === 'check-ok', verdict: verdict.textContent };
}`;

/**
 * Render the form of an operation or trigger in the page, fill it with the operation's example, and check it with
 * the page's own Ajv: one round trip to the browser per form. `valid` is the page's verdict, `verdict` its text.
 */
export async function checkForm(
  page: Page,
  tab: 'operations' | 'triggers',
  name: string,
  limitMs = 30_000,
): Promise<{ unsupported: number; valid: boolean; verdict: string }> {
  return page.evaluate(`(${CHECK_FORM})(${JSON.stringify({ tab, name, limitMs })})`);
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
