/**
 * Where a Pipedrive credential may be sent: `https://<company>.pipedrive.com` (or `https://api.pipedrive.com`), with
 * no port, user info, path, query or fragment, and never Pipedrive's OAuth server; or exactly the one API base the
 * host or engine configured (PIPEDRIVE_API_URL: a sandbox, or a local stand-in in tests). One rule for an API
 * token's `api_url` and for the `api_domain` of an OAuth token answer or refresh, in the host and in the n8n node
 * (exported by index.ts for engines): otherwise whoever controls that answer, a credential's stored token data, or a
 * caller's input, could have the connector send a bearer token anywhere.
 */
import { OAUTH_HOST } from './context.js';

/** The canonical origin of `url` when a credential may be sent there, else undefined. */
export function allowedApiBase(url: string, configured?: string): string | undefined {
  const trimmed = url.replace(/\/+$/, '');
  if (configured !== undefined && trimmed === configured.replace(/\/+$/, '')) return trimmed;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const plain =
    parsed.protocol === 'https:' &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.pathname === '/' &&
    parsed.search === '' &&
    parsed.hash === '';
  const company = /^[a-z0-9-]+\.pipedrive\.com$/.test(parsed.hostname) && parsed.hostname !== OAUTH_HOST;
  return plain && company ? parsed.origin : undefined;
}
