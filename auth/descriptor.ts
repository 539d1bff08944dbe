import type { AuthDescriptor } from '../runtime/manifest.js';

/** The manifest's `auth` section: the two ways to connect, with their fields, URLs and scopes. */

export const DEFAULT_OAUTH_URL = 'https://oauth.pipedrive.com';

export function authDescriptor(operationScopes: ReadonlyArray<readonly string[]>): AuthDescriptor {
  const scopes = [...new Set(operationScopes.flat())].sort();
  return {
    methods: [
      {
        type: 'api_token',
        title: 'Personal API token',
        description:
          "A user's personal API token (Pipedrive: Settings > Personal preferences > API). Sent in the `x-api-token` header, never in the URL.",
        fields: [
          {
            name: 'api_token',
            title: 'API token',
            type: 'string',
            secret: true,
            required: true,
            description: 'The 40-character personal API token',
          },
          {
            name: 'api_url',
            title: 'API URL',
            type: 'string',
            format: 'uri',
            required: false,
            description:
              'Base URL of the API, e.g. https://yourcompany.pipedrive.com (default https://api.pipedrive.com)',
          },
        ],
      },
      {
        type: 'oauth2',
        title: 'OAuth 2.0',
        description:
          'Authorization-code flow of a Pipedrive app. Calls go to the `api_domain` returned with the token; tokens are refreshed before they expire.',
        grant_type: 'authorization_code',
        authorization_url: `${DEFAULT_OAUTH_URL}/oauth/authorize`,
        token_url: `${DEFAULT_OAUTH_URL}/oauth/token`,
        revoke_url: `${DEFAULT_OAUTH_URL}/oauth/revoke`,
        client_authentication: 'basic',
        scopes,
        token_response: ['access_token', 'refresh_token', 'expires_in', 'scope', 'api_domain'],
        api_base: 'api_domain',
        fields: [
          {
            name: 'client_id',
            title: 'Client ID',
            type: 'string',
            required: true,
            description: "The Pipedrive app's client ID",
          },
          {
            name: 'client_secret',
            title: 'Client secret',
            type: 'string',
            secret: true,
            required: true,
            description: "The Pipedrive app's client secret",
          },
        ],
      },
    ],
  };
}
