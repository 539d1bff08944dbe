import type { CallContext } from '../../runtime/context.js';

export const API = 'https://api.pipedrive.com';
export const TOKEN = 'test-token-0123456789abcdef0123456789abcd';

export function tokenCtx(overrides: Partial<CallContext> = {}): CallContext {
  return { auth: { type: 'api_token', apiToken: TOKEN }, ...overrides };
}
