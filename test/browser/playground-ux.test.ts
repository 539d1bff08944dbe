/**
 * What a newcomer stumbled on in the playground (issue 26), in Chromium against a local Pipedrive stub: a
 * changed `#/operations/...` link, descriptions with code spans, validation messages in words, a lookup's typed
 * text listed after the records, a list's output as a table with a copy button, and runs polled less often
 * while nothing changes.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector from '../../index.js';
import { generateKey } from '../../server/keys.js';
import { hits, page as pageOf } from '../fixtures/entities.js';
import { person, personHit } from '../fixtures/persons.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { type PipedriveStub, startPipedriveStub } from '../helpers/pipedrive-stub.js';
import {
  deliverToWebhook,
  openPlaygroundBrowser,
  type PlaygroundBrowser,
  webhookRoutes,
} from '../helpers/playground.js';
import { SECRETS } from '../helpers/secrets.js';

const TOKEN = SECRETS.playgroundToken;

const routes = () => [
  { method: 'GET', path: '/api/v2/dealFields', reply: pageOf([]) },
  { method: 'GET', path: '/api/v2/personFields', reply: pageOf([]) },
  {
    method: 'GET',
    path: '/api/v2/persons',
    reply: pageOf([person(201), person(202, { name: 'Jaan Tamm' })]),
  },
  { method: 'GET', path: '/api/v2/persons/search', reply: hits([personHit(201)]) },
  { method: 'GET', path: '/api/v2/deals', reply: pageOf([]) },
  {
    method: 'GET',
    path: '/v1/filters',
    reply: { success: true, data: [{ id: 7, name: 'Hot deals', type: 'deals', active_flag: true }] },
  },
  ...webhookRoutes(4301),
];

describe('the playground for a newcomer (Chromium)', { timeout: 90_000 }, () => {
  let stub: PipedriveStub;
  let host: TestHost;

  /**
   * A one-time sign-in code, as the first start prints one, for a new key of the workspace. Not a registered
   * secret: `POST /signin` answers it, the one answer that may.
   */
  const signInCode = async () => {
    const { key, row } = generateKey('default', { label: 'sign-in link' });
    await host.store.createApiKey(row);
    return host.app.host.signIn.offer(key).code;
  };
  let base: string;
  let browser: PlaygroundBrowser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    stub = await startPipedriveStub({ token: TOKEN, routes: routes() });
    host = await startTestHost({ PIPEDRIVE_API_URL: stub.url, LOG_LEVEL: 'warn' });
    base = await host.app.listen({ port: 0, host: '127.0.0.1' });
    const created = await host.inject({
      method: 'POST',
      url: '/connections',
      payload: { type: 'api_token', api_token: TOKEN },
    });
    expect(created.statusCode, created.body).toBe(201);
    browser = await openPlaygroundBrowser();
    ({ context, page, problems } = browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    // React's development build: its warnings (keys, state updates) are console errors here.
    await page.goto(`${base}/playground?dev#code=${await signInCode()}`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await stub?.close();
  });

  const formOf = async (name: string) => {
    const form = page.locator(`[data-entry="${name}"][data-ready="true"] form.rjsf`);
    await form.waitFor();
    return form;
  };

  /** Sign in afresh and open a trigger's form. */
  const signInToTrigger = async (name: string) => {
    await page.goto(`${base}/playground?dev#code=${await signInCode()}`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('button', { name: /^Triggers/ }).click();
    await page.locator('#pick-trigger').fill(name);
    await page.locator('#pick-trigger').press('Enter');
    return formOf(name);
  };

  const open = async (name: string) => {
    const box = page.locator('#pick-operation');
    await box.fill(name);
    await box.press('Enter');
    return formOf(name);
  };

  it('follows a changed #/operations/... or #/triggers/... link without a reload', async () => {
    await page.evaluate("window.location.hash = '#/operations/get_deal'");
    await formOf('get_deal');
    await page.evaluate("window.location.hash = '#/triggers/updated_deal'");
    await formOf('updated_deal');
    expect(await page.getByRole('button', { name: /^Triggers/ }).getAttribute('aria-pressed')).toBe('true');
    await page.evaluate("window.location.hash = '#/operations/list_persons'");
    await formOf('list_persons');
    expect(await page.locator('#pick-operation').inputValue()).toContain('(list_persons)');
    expect(problems).toEqual([]);
  });

  it('shows code spans of descriptions as code, not as backticks', async () => {
    await open('add_deal');
    const head = page.locator('.entry-description');
    const described = connector.manifest.operations.find((op) => op.name === 'add_deal');
    expect(described?.description).toContain('Only `title` is required');
    expect(await head.locator('code').allTextContents()).toEqual(['title']);
    expect(await head.textContent()).toContain('Only title is required');
    const form = await open('list_activities');
    // A field's description: "Ignored when `filter_id` is given."
    const owner = form.locator('#op_owner_id__description');
    expect(await owner.locator('code').allTextContents()).toContain('filter_id');
    expect(await owner.textContent()).not.toContain('`');
    expect(await form.locator('.field-description', { hasText: '`' }).count()).toBe(0);
  });

  it('says what is wrong with a field in words, naming it by its titles', async () => {
    const deal = await open('add_deal');
    await deal.getByRole('button', { name: 'Check' }).click();
    await deal.locator('.errors').waitFor();
    expect(await deal.locator('.errors').textContent()).toContain('Title: is required');
    expect(await deal.locator('#op_title__error').textContent()).toContain('is required');
    const form = await open('add_person');
    await form.locator('#op_emails button.btn-add').click();
    await page.locator('#op_emails_0_value').fill('not-an-email');
    await form.getByRole('button', { name: 'Check' }).click();
    const list = form.locator('.errors');
    await list.waitFor();
    const text = await list.textContent();
    expect(text).toContain('Emails › #1 › Value: must be an email address');
    expect(text).not.toMatch(/must have required property|must match format|'Value'/);
    // Beside the field, the message alone.
    expect(await form.locator('#op_emails_0_value__error').textContent()).toContain(
      'must be an email address',
    );
  });

  it('lists records before the typed text in a lookup, and names the lookup in words', async () => {
    const form = await open('add_activity');
    expect(await page.locator('#op_type').getAttribute('placeholder')).toBe(
      'Search activity types or type an ID',
    );
    await page.locator('#op_person_id').fill('Tamm');
    const panel = form.locator('.lookup-panel');
    await panel.locator('.lookup-option', { hasText: 'Mari Tamm' }).waitFor();
    const buttons = panel.locator('button');
    expect(await buttons.first().getAttribute('class')).toContain('lookup-option');
    expect(await buttons.last().textContent()).toBe('Use “Tamm” as typed');
    await buttons.first().click();
    await expect.poll(() => page.locator('#op_person_id').inputValue()).toContain('Mari Tamm');
  });

  it("shows a list's records as a table, the JSON a click away, and copies the answer", async () => {
    const form = await open('list_persons');
    await form.getByRole('button', { name: 'Run' }).click();
    const outcome = page.locator('[data-outcome="ok"]');
    await outcome.waitFor();
    const table = outcome.locator('table.records');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    const headers = await table.locator('th').allTextContents();
    expect(headers.slice(0, 2)).toEqual(['id', 'name']);
    expect(await table.locator('tbody tr').nth(1).textContent()).toContain('Jaan Tamm');
    await outcome.getByRole('button', { name: 'JSON', exact: true }).click();
    expect(await outcome.locator('.json').textContent()).toContain('"name": "Jaan Tamm"');
    await outcome.getByRole('button', { name: 'Copy JSON' }).click();
    await outcome.getByRole('button', { name: 'Copied' }).waitFor();
    const copied = JSON.parse(await page.evaluate<string>('navigator.clipboard.readText()')) as {
      output: { data: { name: string }[] };
    };
    expect(copied.output.data.map((p) => p.name)).toEqual(['Mari Tamm', 'Jaan Tamm']);
    // An answer that is not a list is JSON only.
    const single = await open('get_current_user');
    await single.getByRole('button', { name: 'Run' }).click();
    const user = page.locator('[data-entry="get_current_user"] [data-outcome="ok"]');
    await user.locator('.json').waitFor();
    expect(await user.locator('table.records').count()).toBe(0);
    expect(await user.getByRole('button', { name: /^Table/ }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('polls the runs less often while nothing changes, and at once again when a run arrives', async () => {
    // The page's timers on a clock the test moves: a minute passes in no time.
    await page.clock.install();
    await signInToTrigger('updated_deal');
    let polls = 0;
    let inFlight = 0;
    const isPoll = (url: string) => url.includes('/runs?subscription_id=');
    page.on('request', (request) => {
      if (!isPoll(request.url())) return;
      polls += 1;
      inFlight += 1;
    });
    const settled = (request: { url(): string }) => {
      if (isPoll(request.url())) inFlight -= 1;
    };
    page.on('requestfinished', settled);
    page.on('requestfailed', settled);
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const runs = page.locator('.runs');
    await runs.waitFor();
    // React's development build mounts the list twice (StrictMode): one or two first polls.
    await expect.poll(() => polls).toBeGreaterThanOrEqual(1);
    await expect.poll(() => inFlight).toBe(0);
    const first = polls;
    // A quiet minute, a second at a time, each poll answered before the clock moves on: polls at 1.5, 4.5,
    // 10.5, 22.5 and 46.5 s (waits of 1.5, 3, 6, 12, 24 s, then 30 s); at a fixed 1.5 s it would be 40.
    for (let second = 0; second < 60; second += 1) {
      await expect.poll(() => inFlight).toBe(0);
      await page.clock.runFor(1000);
    }
    await expect.poll(() => inFlight).toBe(0);
    expect(polls - first).toBe(5);
    expect(await deliverToWebhook(stub, base, { action: 'change', id: 'evt-ux-1', webhookId: 4301 })).toBe(
      200,
    );
    // The page coming back into view polls at once.
    await page.evaluate("document.dispatchEvent(new Event('visibilitychange'))");
    await runs.locator('.run', { hasText: 'evt-ux-1' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('subscribes in either mode; a webhook on a loopback host says so and points to polling', async () => {
    await signInToTrigger('updated_deal');
    // This host's PUBLIC_URL is its loopback address: Pipedrive could not deliver the webhook.
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await page.locator('[data-warning="subscription"]', { hasText: '"mode": "polling"' }).waitFor();
    await page.locator('#trigger-mode').selectOption('polling');
    await page.locator('#trigger-interval').fill('120');
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await page.locator('.subscriptions li', { hasText: 'polling every 120 s' }).waitFor();
    await page.locator('.runs', { hasText: 'The host asks Pipedrive every 120 s' }).waitFor();
    expect(await page.locator('[data-warning="subscription"]').count()).toBe(0);
    const { subscriptions } = (await host.inject({ url: '/subscriptions' })).json() as {
      subscriptions: { trigger: string; mode: string; interval_seconds: number | null }[];
    };
    expect(subscriptions.filter((s) => s.mode === 'polling')).toEqual([
      expect.objectContaining({ trigger: 'updated_deal', interval_seconds: 120 }),
    ]);
    expect(problems).toEqual([]);
    // An interval under the host's minimum is refused with the field named (the browser logs the 400).
    await page.locator('#trigger-interval').fill('5');
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await page.locator('[data-entry="updated_deal"] .error-box', { hasText: 'interval' }).waitFor();
    problems.length = 0;
  });

  it('lists the triggers that only poll, and subscribes to a saved filter with no mode to choose', async () => {
    await signInToTrigger('deal_matches_filter');
    const entry = page.locator('[data-entry="deal_matches_filter"]');
    await entry.locator('[data-mode="polling-only"]').waitFor();
    expect(await page.locator('#trigger-mode').count()).toBe(0);
    await page.locator('#trigger-interval').fill('60');
    await page.locator('#trigger_filter_id').fill('Hot');
    await entry.locator('.lookup-option', { hasText: 'Hot deals' }).click();
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await page.locator('.subscriptions li', { hasText: 'polling every 60 s' }).waitFor();
    // A saved filter is polled: no public address is needed, so no warning about one.
    expect(await page.locator('[data-warning="subscription"]').count()).toBe(0);
    const { subscriptions } = (await host.inject({ url: '/subscriptions' })).json() as {
      subscriptions: { trigger: string; mode: string; input: unknown }[];
    };
    expect(subscriptions.filter((s) => s.trigger === 'deal_matches_filter')).toEqual([
      expect.objectContaining({ mode: 'polling', input: { filter_id: 7 } }),
    ]);
    expect(problems).toEqual([]);
  });
});
