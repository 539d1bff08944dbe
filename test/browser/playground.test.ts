/**
 * The forms playground (`GET /playground`) in a real browser: Debian's Chromium driven by playwright-core, the
 * host on 127.0.0.1 against a local Pipedrive stub. Every operation's and trigger's form renders without a
 * console error or React warning (React's development build, `/playground?dev`); a connection is created,
 * a lookup searched and picked, add_deal run, an error shown, a trigger subscribed and its run watched.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../../server/keys.js';
import { deal, hits, ok, page as pageOf } from '../fixtures/entities.js';
import { enumField } from '../fixtures/fields.js';
import { CONTRACT, fileRoutes } from '../fixtures/files.js';
import { personHit } from '../fixtures/persons.js';
import { pipeline } from '../fixtures/pipelines.js';
import { stage } from '../fixtures/stages.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { type PipedriveStub, type StubRequest, startPipedriveStub } from '../helpers/pipedrive-stub.js';
import {
  checkForm,
  deliverToWebhook,
  openPlaygroundBrowser,
  type PlaygroundBrowser,
  webhookRoutes,
} from '../helpers/playground.js';
import { SECRETS } from '../helpers/secrets.js';

const TOKEN = SECRETS.playgroundToken;
const SEGMENT_KEY = '5b8a1f0e9c4d3b2a1f0e9c4d3b2a1f0e9c4d3b2a';
const RESULTS = join(process.cwd(), 'test-results');

interface Entry {
  name: string;
}

/** Pipedrive as far as the page reaches it: custom fields, a paged person search, pipelines, webhooks. */
function routes() {
  // The account's own field names are data, not markup: this one must not become a link in the form.
  const hostile = enumField({
    field_code: 'a1b2c3d4e5f60718293a4b5c6d7e8f9011223344',
    field_name: '[Session expired](https://evil.example)',
    description: null,
    options: [{ id: 1, label: 'x', color: null, add_time: '2025-03-01T10:00:00Z', update_time: null }],
  });
  // ...at any depth: an address field's sub-field names too.
  const address = enumField({
    field_code: 'b2c3d4e5f60718293a4b5c6d7e8f901122334455',
    field_name: 'Office',
    field_type: 'address',
    description: null,
    options: null,
    subfields: [
      {
        field_code: 'b2c3d4e5f60718293a4b5c6d7e8f901122334455_route',
        field_name: 'Street of [Session expired, sign in again](https://evil.example/login)',
        field_type: 'varchar',
      },
    ],
  });
  // A name that is a key of every object's prototype: a field like any other.
  const proto = enumField({
    field_code: 'c3d4e5f60718293a4b5c6d7e8f90112233445566',
    field_name: '__proto__',
    field_type: 'varchar',
    description: null,
    options: null,
  });
  const fields = pageOf([enumField(), hostile, address, proto]);
  return [
    { method: 'GET', path: '/api/v2/dealFields', reply: fields },
    { method: 'GET', path: '/api/v2/personFields', reply: pageOf([]) },
    { method: 'GET', path: '/api/v2/organizationFields', reply: pageOf([]) },
    { method: 'GET', path: '/api/v2/productFields', reply: pageOf([]) },
    { method: 'GET', path: '/api/v2/projectFields', reply: pageOf([]) },
    {
      method: 'GET',
      path: '/api/v2/persons/search',
      reply: (r: StubRequest) =>
        r.query.cursor === 'p2'
          ? hits([personHit(202, { name: 'Jaan Tamm', emails: ['jaan@acme.example.ee'] })])
          : hits([personHit(201)], 'p2'),
    },
    { method: 'GET', path: '/api/v2/pipelines', reply: pageOf([pipeline(1)]) },
    {
      method: 'GET',
      path: '/api/v2/stages',
      reply: (r: StubRequest) =>
        pageOf(r.query.pipeline_id === '1' ? [stage(2), stage(3, { name: 'Negotiation' })] : []),
    },
    {
      method: 'POST',
      path: '/api/v2/deals',
      reply: (r: StubRequest) => ok(deal(102, r.body as Record<string, unknown>)),
    },
    ...webhookRoutes(4201),
    // download_file's sample is file 1.
    ...fileRoutes(501).map((route) => ({ ...route, path: route.path.replace('/501/', '/1/') })),
  ];
}

describe('the forms playground in Chromium', { timeout: 60_000 }, () => {
  let stub: PipedriveStub;
  let host: TestHost;
  let base: string;
  let browser: PlaygroundBrowser;
  let page: Page;
  let problems: string[];
  let manifest: { operations: Entry[]; triggers: Entry[] };

  beforeAll(async () => {
    stub = await startPipedriveStub({ token: TOKEN, routes: routes() });
    host = await startTestHost({ PIPEDRIVE_API_URL: stub.url, LOG_LEVEL: 'warn' });
    base = await host.app.listen({ port: 0, host: '127.0.0.1' });
    manifest = (await (
      await fetch(`${base}/manifest`, { headers: host.headers() })
    ).json()) as typeof manifest;
    browser = await openPlaygroundBrowser();
    ({ page, problems } = browser);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await stub?.close();
  });

  /** Pick an operation or trigger as a person does: type its name into the picker, press Enter. */
  const pick = async (kind: 'operation' | 'trigger', name: string) => {
    const box = page.locator(`#pick-${kind}`);
    await box.fill(name);
    await box.press('Enter');
  };

  /**
   * A key for a sign-in link, as the first start makes one. Not a registered secret: `POST /signin` answers it,
   * which is the one answer that may.
   */
  const linkKey = async () => {
    const { key, row } = generateKey('default', { label: 'sign-in link' });
    await host.store.createApiKey(row);
    return key;
  };

  /** Wait until the form of `name` is on the page, rendered. */
  const formOf = async (name: string) => {
    const form = page.locator(`[data-entry="${name}"][data-ready="true"] form.rjsf`);
    await form.waitFor();
    return form;
  };

  it('signs in with a key (typed, or from a sign-in link) that is kept out of storage and the address bar', async () => {
    expect((await page.goto(`${base}/playground`))?.status()).toBe(200);
    await page.locator('#api-key').fill('pdk_not_a_real_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That key was refused').waitFor();
    await page.locator('#api-key').fill(host.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#api-key').waitFor();
    // The sign-in link the first `npm start` prints: a one-time code, exchanged for the key and removed from the
    // URL; the same link again (from the browser's history) signs nobody in.
    const { code } = host.app.host.signIn.offer(await linkKey());
    await page.goto(`${base}/playground#code=${code}`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(page.url()).not.toContain(code);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${base}/playground#code=${code}`);
    await page.getByText('That sign-in link was used already or has expired').waitFor();
    expect(page.url()).not.toContain(code);
    const stored = await page.evaluate<string>(
      'JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie',
    );
    expect(stored).not.toContain(host.key);
    // The 401 of the wrong key is reported by the browser itself.
    problems.length = 0;
  });

  it('opens (production and development builds), and creates a connection with an API token', async () => {
    const response = await page.goto(
      `${base}/playground?dev#code=${host.app.host.signIn.offer(await linkKey()).code}`,
    );
    expect(response?.status()).toBe(200);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.evaluate("window.location.hash = '#/operations/add_deal'");
    await page.reload();
    // A reload forgets the key (memory only): sign in again.
    await page.locator('#api-key').fill(host.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#api-token').fill(TOKEN);
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.locator('#connection option:checked').textContent()).toContain('Mari Tamm');
    expect(await host.store.workspace('default').listConnections()).toHaveLength(1);
  });

  it('renders the form of every operation and trigger, validates it in the page, without a console error', async () => {
    const invalid: string[] = [];
    for (const { name } of manifest.operations) {
      const { unsupported, valid, verdict } = await checkForm(page, 'operations', name);
      expect(unsupported, name).toBe(0);
      if (!valid) invalid.push(`${name}: ${verdict}`);
    }
    for (const { name } of manifest.triggers) {
      const { unsupported, valid, verdict } = await checkForm(page, 'triggers', name);
      expect(unsupported, name).toBe(0);
      if (valid !== (name !== 'pipedrive_event')) invalid.push(`${name}: ${verdict}`);
    }
    expect(invalid).toEqual([]);
    expect(problems).toEqual([]);
  }, 300_000); // every form, one after the other: ~330 operations and their triggers

  it('the pickers search as you type (name, title, resource), grouped, and are used from the keyboard', async () => {
    await page.getByRole('button', { name: /^Operations/ }).click();
    const box = page.locator('#pick-operation');
    await box.fill('');
    await box.click();
    // Every operation, grouped by resource.
    const listbox = page.getByRole('listbox', { name: 'Operation' });
    await expect.poll(() => listbox.getByRole('option').count()).toBe(manifest.operations.length);
    // Words of the title and the resource, in any order and case.
    await box.pressSequentially('Follower DEAL');
    const options = listbox.getByRole('option');
    await expect.poll(() => options.count()).toBeGreaterThan(1);
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'playground-picker.png') });
    const shown = await options.locator('code').allTextContents();
    expect(shown.every((name) => name.includes('deal') && name.includes('follower'))).toBe(true);
    expect(await listbox.getByRole('group').locator('legend').allTextContents()).toEqual(['followers']);
    expect(await listbox.textContent()).toContain(`${shown.length} of ${manifest.operations.length}`);
    // Arrow down to the second match, Enter picks it; its form opens and the link names it.
    await box.press('ArrowDown');
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    await box.press('Enter');
    await formOf(shown[1] as string);
    expect(page.url()).toContain(`#/operations/${shown[1]}`);
    expect(await box.inputValue()).toContain(`(${shown[1]})`);
    // Escape gives the picked entry back; a query that matches nothing says so.
    await box.fill('no such operation');
    expect(await listbox.textContent()).toContain('Nothing matches');
    await box.press('Escape');
    expect(await box.inputValue()).toContain(`(${shown[1]})`);
    // A click picks too; a resource's name finds its operations.
    await box.fill('stages');
    await listbox.getByRole('option', { name: /List stages/ }).click();
    await formOf('list_stages');
    expect(problems).toEqual([]);
  });

  it("a trigger's options that pick a record are searchable dropdowns (deal_stage_changed)", async () => {
    await page.getByRole('button', { name: /^Triggers/ }).click();
    const box = page.locator('#pick-trigger');
    await box.fill('stage changed');
    await box.press('Enter');
    await formOf('deal_stage_changed');
    const before = stub.requests.length;
    await page.locator('#trigger_pipeline_id').focus();
    await page.locator('.lookup-option', { hasText: 'Enterprise sales' }).click();
    await page.locator('#trigger_stage_id').focus();
    await page.locator('.lookup-option', { hasText: 'Negotiation' }).click();
    expect(await page.locator('#trigger_stage_id').inputValue()).toContain('Negotiation');
    const stages = stub.requests.slice(before).filter((r) => r.path === '/api/v2/stages');
    expect(stages.map((r) => r.query.pipeline_id)).toContain('1');
    await page.getByRole('button', { name: /^Operations/ }).click();
    expect(problems).toEqual([]);
  });

  it('searches a lookup dropdown, loads more, and picks an option', async () => {
    await page.getByRole('button', { name: /^Operations/ }).click();
    await pick('operation', 'add_deal');
    await formOf('add_deal');
    const person = page.locator('#op_person_id');
    await person.fill('tamm');
    await page.locator('.lookup-option', { hasText: 'Mari Tamm' }).waitFor();
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.locator('.lookup-option', { hasText: 'Jaan Tamm' }).click();
    await expect.poll(() => person.inputValue()).toBe('Jaan Tamm (jaan@acme.example.ee)');
    const searches = stub.requests.filter((r) => r.path === '/api/v2/persons/search');
    expect(searches.map((r) => r.query.cursor)).toEqual([undefined, 'p2']);
    expect(searches[0]?.query.term).toBe('tamm');

    // A typed value is kept, and the stages lookup gets the pipeline typed beside it (dependsOn).
    await page.locator('#op_pipeline_id').fill('1');
    await page.locator('#op_stage_id').focus();
    await page.locator('.lookup-option', { hasText: 'Negotiation' }).click();
    expect(stub.requests.some((r) => r.path === '/api/v2/stages' && r.query.pipeline_id === '1')).toBe(true);
    await page.locator('#op_title').focus();
  });

  it('runs add_deal against the stub, with a custom field by name, and shows the output', async () => {
    const form = await formOf('add_deal');
    await page.locator('#op_title').fill('Playground deal');
    await page.locator('#op_value').fill('1500');
    // The account's custom fields (GET /operations/add_deal/schema?connection_id=) are in the form.
    await form.locator('.rjsf-add-optional-data').first().click();
    await page.getByLabel('Segment').selectOption({ label: 'Enterprise' });
    // A custom field named like a markdown link is shown as text: no link to its URL anywhere in the form.
    await form.getByText('[Session expired](https://evil.example)', { exact: false }).first().waitFor();
    // The address field's sub-field, once its object is opened: text too.
    const office = form.locator('fieldset', { has: page.getByText('Office', { exact: true }) }).last();
    await office.locator('.rjsf-add-optional-data').first().click();
    await form
      .getByText('Street of [Session expired, sign in again](https://evil.example/login)')
      .first()
      .waitFor();
    expect(await form.locator('a[href*="evil.example"]').count()).toBe(0);
    // The field named `__proto__` is in the form, beside the others (it once emptied the whole form).
    await page.getByLabel('__proto__', { exact: true }).fill('prototype of nothing');
    expect(await page.locator('#op_title').inputValue()).toBe('Playground deal');
    await page.getByRole('button', { name: 'Run' }).click();
    const output = page.locator('[data-outcome="ok"] .json');
    await output.waitFor();
    expect(await output.textContent()).toContain('"title": "Playground deal"');
    const post = stub.requests.find((r) => r.method === 'POST' && r.path === '/api/v2/deals');
    expect(post?.body).toEqual({
      title: 'Playground deal',
      value: 1500,
      person_id: 202,
      pipeline_id: 1,
      stage_id: 3,
      custom_fields: { [SEGMENT_KEY]: 41, c3d4e5f60718293a4b5c6d7e8f90112233445566: 'prototype of nothing' },
    });
    await page.locator('header.top').scrollIntoViewIfNeeded();
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'playground.png') });
    expect(problems).toEqual([]);
  });

  it('uploads the file picked (base64 in JSON, multipart to Pipedrive) and offers a download as a link', async () => {
    await pick('operation', 'add_file');
    const upload = await formOf('add_file');
    await page.locator('#op_file').setInputFiles({
      name: 'contract.pdf',
      mimeType: 'application/pdf',
      buffer: CONTRACT,
    });
    await upload.getByText('contract.pdf', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Run' }).click();
    await page.locator('[data-entry="add_file"] [data-outcome="ok"]').waitFor();
    const post = stub.requests.find((r) => r.method === 'POST' && r.path === '/v1/files');
    expect(post?.files).toEqual({
      file: { name: 'contract.pdf', type: 'application/pdf', content: CONTRACT },
    });

    await pick('operation', 'download_file');
    const download = await formOf('download_file');
    await download.getByRole('button', { name: 'Fill with example' }).click();
    await page.getByRole('button', { name: 'Run' }).click();
    const link = page.locator('[data-entry="download_file"] a[data-download]');
    await link.waitFor();
    expect(await link.getAttribute('download')).toBe('contract.pdf');
    const href = (await link.getAttribute('href')) as string;
    expect(href).toMatch(/^blob:/);
    // Saved as a person would: a click on the link, the page's CSP allowing it (blob: of its own origin).
    const [saved] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(saved.suggestedFilename()).toBe('contract.pdf');
    expect(readFileSync(await saved.path()).equals(CONTRACT)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('shows an error with its code, message and details', async () => {
    await pick('operation', 'get_deal');
    await formOf('get_deal');
    await page.locator('#op_id').fill('999');
    await page.getByRole('button', { name: 'Run' }).click();
    const error = page.locator('[data-outcome="error"]');
    await error.waitFor();
    expect(await error.locator('.error-code').textContent()).toBe('not_found');
    expect(await error.locator('.error-message').textContent()).toMatch(/.+/);
    // The browser reports the 404 answer itself; nothing else.
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
    problems.length = 0;
  });

  it('subscribes a trigger, shows its runs as they arrive, and unsubscribes', async () => {
    await page.getByRole('button', { name: /^Triggers/ }).click();
    await pick('trigger', 'updated_deal');
    await formOf('updated_deal');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const runs = page.locator('.runs');
    await runs.waitFor();
    // PUBLIC_URL is a loopback address here: subscribed, with the warning that Pipedrive cannot reach it (issue 26).
    const warning = page.locator('[data-warning="subscription"]');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Pipedrive cannot reach it');
    expect(await warning.textContent()).toContain('polling trigger');
    // PUBLIC_URL names port 0 here: the delivery goes to the port the host listens on.
    expect(await deliverToWebhook(stub, base, { action: 'change', id: 'evt-playground-1' })).toBe(200);
    await runs.locator('.run', { hasText: 'evt-playground-1' }).waitFor({ timeout: 10_000 });
    // No ENGINE_URL and no listener: the run stays pending, and the page says what that means and what to do.
    expect(await runs.locator('.run .badge').first().textContent()).toBe('pending');
    const pending = runs.locator('[data-explains="pending"]');
    await pending.waitFor();
    expect(await pending.textContent()).toMatch(
      /nothing has taken it yet.*Set ENGINE_URL and restart the host/,
    );
    await page.screenshot({ path: join(RESULTS, 'playground-triggers.png') });
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByText('None yet: subscribe to a trigger.').waitFor();
    expect(stub.requests.some((r) => r.method === 'DELETE' && r.path === '/v1/webhooks/4201')).toBe(true);
    expect(problems).toEqual([]);
  });
});
