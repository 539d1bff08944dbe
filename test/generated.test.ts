import { readFileSync } from 'node:fs';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import connector from '../index.js';
import { artifacts } from '../scripts/artifacts.js';
import { API, TOKEN, tokenCtx } from './helpers/context.js';

describe('generated artifacts', () => {
  it.each(Object.entries(artifacts()))('%s is up to date (run `npm run manifest`)', (path, content) => {
    const onDisk = readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
    expect(onDisk === content, `${path} drifted from the code: run \`npm run manifest\``).toBe(true);
  });

  it("one version: package.json's is the manifest's, the plugin API's and every request's user agent", async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      name: string;
      version: string;
    };
    expect(connector.manifest.version).toBe(pkg.version);
    expect(connector.version).toBe(pkg.version);
    const scope = nock(API, { badheaders: ['authorization'] })
      .matchHeader('x-api-token', TOKEN)
      .matchHeader('user-agent', `${pkg.name}/${pkg.version}`)
      .get('/api/v2/deals/1')
      .query({})
      .reply(200, { success: true, data: { id: 1, title: 'One' } });
    await connector.execute('get_deal', { id: 1, custom_fields_by_name: false }, tokenCtx());
    expect(scope.isDone()).toBe(true);
  });
});
