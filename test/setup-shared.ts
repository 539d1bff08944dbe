import { beforeAll } from 'vitest';
import connector from '../index.js';
import { forgetGates } from '../runtime/ratelimit.js';
import { forgetLocalRecords } from '../runtime/upsert.js';
import { forgetMeters } from '../runtime/usage.js';

// Both projects run their files one after another in the same processes (`isolate: false`, vitest.config.ts):
// what the connector keeps per connection in the process (field definitions, rate gates, token meters, records
// found lately) starts empty in each file, as it would in a process of its own.
beforeAll(() => {
  connector.clearFieldCache();
  forgetGates();
  forgetMeters();
  forgetLocalRecords();
});
