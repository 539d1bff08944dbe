import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';

// No test may reach the real Pipedrive (or anything else): only loopback, where local stubs live.
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

afterEach(() => {
  nock.cleanAll();
});
