import { randomBytes } from 'node:crypto';

/**
 * Every secret the tests give the connector and the host — API tokens, OAuth tokens, codes and client secret,
 * webhook passwords, sealing keys — in one registry, and everything the hosts of a test file said: their logs
 * (test/helpers/host.ts, and a spawned host's output in test/helpers/process.ts) and their answers. After each
 * test file, test/setup.ts fails the file when any known secret appears in any of it.
 */
export const SECRETS = {
  apiToken: 'test-token-0123456789abcdef0123456789abcd',
  hostToken: 'host-token-5f4e3d2c1b0a99887766554433221100',
  e2eToken: 'e2e-token-9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  samplesToken: 'samples-token-00112233445566778899aabbccdd',
  shutdownToken: 'shutdown-token-00112233445566778899aabbccddeeff',
  cliToken: 'cli-token-0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  mcpToken: 'mcp-token-7a6b5c4d3e2f10011223344556677889',
  mcpApiKey: 'mcp-host-key-0f9e8d7c6b5a4938271605f4e3d2c1b0',
  playgroundToken: 'playground-token-0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  multiHostToken: 'multi-token-00112233445566778899aabbccddee',
  killToken: 'kill-token-00112233445566778899aabbccddeeff',
  soakToken: 'soak-token-a1b2c3d4e5f60718293a4b5c6d7e8f90',
  oauthClientSecret: 'client-secret-0d8f7a6b5c4e3d2c1b0a',
  oauthCode: 'authcode-7c1f2e3d4c5b6a',
  oauthAccessToken: 'access-token-one-1a2b3c4d5e6f7a8b9c0d',
  oauthAccessToken2: 'access-token-two-9z8y7x6w5v4u3t2s1r0q',
  oauthRefreshToken: 'refresh-token-aa11bb22cc33dd44ee55ff66',
} as const;

const known = new Set<string>(Object.values(SECRETS));

/** A fresh CONNECTOR_SECRET_KEY (64 hex characters), registered. */
export function newSecretKey(): string {
  const key = randomBytes(32).toString('hex');
  registerSecret(key);
  return key;
}

/** A secret made during a test (a webhook password, a generated key): checked like the fixed ones. */
export function registerSecret(value: string | undefined): void {
  // Shorter values would match by chance (and are not what the host generates).
  if (value && value.length >= 16) known.add(value);
}

interface Capture {
  source: string;
  text(): string;
}

const captures: Capture[] = [];

/** Something a host said (its log, its output, its answers), read when the test file ends. */
export function captureHostOutput(source: string, text: () => string): void {
  captures.push({ source, text });
}

/** Where each known secret appears in what the hosts said since the last call; the captures are then dropped. */
export function takeLeaks(): string[] {
  const leaks: string[] = [];
  for (const capture of captures.splice(0)) {
    const text = capture.text();
    for (const secret of known) {
      if (text.includes(secret))
        leaks.push(`${capture.source} holds ${secret.slice(0, 6)}… (${secret.length} chars)`);
    }
  }
  return leaks;
}
