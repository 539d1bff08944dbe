import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { takeUndocumentedAnswers } from './helpers/answers.js';
import { takeLeaks } from './helpers/secrets.js';

// No test may reach the real Pipedrive (or anything else): only loopback, where local stubs live.
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

afterEach(() => {
  nock.cleanAll();
});

// No known secret (test/helpers/secrets.ts) in anything a host of this test file logged, printed or answered.
afterAll(() => {
  expect(takeLeaks()).toEqual([]);
});

// Every answer a test host gave is one its OpenAPI document describes: a documented status, a body that fits.
afterAll(() => {
  expect(takeUndocumentedAnswers()).toEqual([]);
});
