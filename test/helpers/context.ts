import type { CallContext } from '../../runtime/context.js';
import { SECRETS } from './secrets.js';

export const API = 'https://api.pipedrive.com';
export const TOKEN = SECRETS.apiToken;

export function tokenCtx(overrides: Partial<CallContext> = {}): CallContext {
  return { auth: { type: 'api_token', apiToken: TOKEN }, ...overrides };
}
