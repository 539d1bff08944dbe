import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Credentials at rest (API tokens, OAuth tokens, webhook passwords) are sealed with AES-256-GCM.
 * A sealed value is `v1.<key id>.<base64(iv | tag | ciphertext)>`; the key id (first 8 hex digits of the
 * key's SHA-256) lets older keys keep opening what they sealed while a new key seals everything new.
 */
export class SecretBox {
  private readonly keys: { id: string; key: Buffer }[];

  /** `keys[0]` seals; all of them open. */
  constructor(keys: Buffer[]) {
    if (keys.length === 0) throw new Error('SecretBox needs a key');
    this.keys = keys.map((key) => {
      if (key.length !== 32)
        throw new Error('CONNECTOR_SECRET_KEY must be 32 bytes (64 hex or 44 base64 characters)');
      return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
    });
  }

  seal(plaintext: string): string {
    const { id, key } = this.keys[0] as { id: string; key: Buffer };
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(id));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `v1.${id}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
  }

  open(sealed: string): string {
    const [version, id, payload] = sealed.split('.');
    const entry = this.keys.find((k) => k.id === id);
    if (version !== 'v1' || !payload) throw new Error('Not a sealed secret');
    if (!entry)
      throw new Error(`No key with id ${id} to open this secret (was CONNECTOR_SECRET_KEY changed?)`);
    const raw = Buffer.from(payload, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', entry.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(entry.id));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /**
   * A key for another purpose (`label`), derived from the current sealing key: the same on every host that shares
   * CONNECTOR_SECRET_KEY (e.g. for signing the OAuth flow's cookies), and useless for opening secrets.
   */
  derive(label: string): Buffer {
    const { key } = this.keys[0] as { key: Buffer };
    return createHmac('sha256', key).update(`pipedrive-connector:${label}`).digest();
  }

  /** Whether `sealed` was sealed with an older key (and should be sealed again). */
  isStale(sealed: string): boolean {
    return sealed.split('.')[1] !== this.keys[0]?.id;
  }
}

export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32)
    throw new Error('CONNECTOR_SECRET_KEY must be 32 bytes (64 hex or 44 base64 characters)');
  return key;
}

/**
 * The key from CONNECTOR_SECRET_KEY, or from `<data dir>/secret.key`, generated there (mode 0600) on first
 * start. CONNECTOR_SECRET_KEY_PREVIOUS (comma-separated) lists older keys that may still open stored secrets.
 */
export function loadSecretBox(options: {
  key?: string;
  previous?: string;
  dataDir: string;
  /** Throw (with `missing`'s message) instead of creating a key file where there is none (a reader, not the host). */
  missing?: () => Error;
}): SecretBox {
  let key: Buffer;
  if (options.key) {
    key = parseKey(options.key);
  } else {
    const file = join(options.dataDir, 'secret.key');
    if (existsSync(file)) {
      key = parseKey(readFileSync(file, 'utf8'));
    } else if (options.missing) {
      throw options.missing();
    } else {
      mkdirSync(dirname(file), { recursive: true });
      key = randomBytes(32);
      writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    }
    chmodSync(file, 0o600);
  }
  const previous = (options.previous ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map(parseKey);
  return new SecretBox([key, ...previous]);
}
