import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { envSchema, loadConfig } from '../../server/config.js';

describe('the configuration variables (server/config.ts)', () => {
  it('declares each variable once, with its description, which the docs table is made from', () => {
    const schema = z.toJSONSchema(envSchema, { io: 'input' }) as {
      properties: Record<string, { description?: string }>;
    };
    const undescribed = Object.entries(schema.properties)
      .filter(([, prop]) => !prop.description || prop.description.length < 10)
      .map(([name]) => name);
    expect(Object.keys(schema.properties)).toEqual(Object.keys(envSchema.shape));
    expect(undescribed).toEqual([]);
  });

  it('maps the variables to the Config the host uses, defaults and derived values included', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      TRUST_PROXY: '2',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      publicUrl: 'http://127.0.0.1:8080',
      databaseUrl: 'sqlite:./data/connector.db',
      corsOrigins: ['https://a.example', 'https://b.example'],
      // Behind a proxy every connection comes from it: no cap per address unless set.
      maxConnectionsPerAddress: 0,
    });
    expect(typeof config.trustProxy === 'function' && config.trustProxy('10.0.0.1', 1)).toBe(true);
    expect(loadConfig({}).maxConnectionsPerAddress).toBe(256);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrowError(/PORT/);
  });
});
