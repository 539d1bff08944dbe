import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WORKSPACE } from '../../server/resources.js';
import { SecretBox } from '../../server/secrets.js';
import { SqliteStore } from '../../server/store/sqlite.js';

describe('sealed secrets', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('seals with AES-256-GCM: random IVs, tampering detected, wrong key refused', () => {
    const box = new SecretBox([randomBytes(32)]);
    const a = box.seal('api-token-123');
    const b = box.seal('api-token-123');
    expect(a).not.toBe(b);
    expect(a).not.toContain('api-token-123');
    expect(box.open(a)).toBe('api-token-123');
    const raw = Buffer.from(a.split('.')[2] as string, 'base64');
    raw.writeUInt8((raw.at(-1) ?? 0) ^ 1, raw.length - 1);
    const tampered = `${a.split('.').slice(0, 2).join('.')}.${raw.toString('base64')}`;
    expect(() => box.open(tampered)).toThrow();
    expect(() => new SecretBox([randomBytes(32)]).open(a)).toThrow(/CONNECTOR_SECRET_KEY/);
  });

  it('rotates keys: old secrets still open with the previous key and are sealed again with the new one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-rotate-'));
    dirs.push(dir);
    const file = join(dir, 'c.db');
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = new SqliteStore(file, new SecretBox([oldKey]));
    const created = await before.workspace(DEFAULT_WORKSPACE).createConnection({
      type: 'api_token',
      user: { id: 1 },
      api_url: 'https://api.pipedrive.com',
      secret: { api_token: 'rotate-me-token-0123456789' },
    });
    await before.close();

    const after = new SqliteStore(file, new SecretBox([newKey, oldKey]));
    expect((await after.getConnection(created.id))?.secret).toEqual({
      api_token: 'rotate-me-token-0123456789',
    });
    expect(await after.resealSecrets()).toBe(1);
    expect(await after.resealSecrets()).toBe(0);
    await after.close();

    const onlyNew = new SqliteStore(file, new SecretBox([newKey]));
    expect((await onlyNew.getConnection(created.id))?.secret).toEqual({
      api_token: 'rotate-me-token-0123456789',
    });
    await onlyNew.close();
    expect(readFileSync(file).includes('rotate-me-token')).toBe(false);
  });
});
