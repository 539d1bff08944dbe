/**
 * What the credentials and the nodes share without loading the connector (the credential files are bundled
 * without it): the credentials' names, and the API base of n8n's process.
 */

export const API_TOKEN_CREDENTIAL = 'pipedriveConnectorApi';
export const OAUTH2_CREDENTIAL = 'pipedriveConnectorOAuth2Api';

/** Where API calls go without a token `api_domain`: `PIPEDRIVE_API_URL` of n8n's process (a sandbox, a stand-in). */
export function apiBase(): string {
  return process.env.PIPEDRIVE_API_URL || 'https://api.pipedrive.com';
}
