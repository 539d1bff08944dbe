import type { ICredentialType, INodeProperties } from 'n8n-workflow';
import type { N8nDescriptions } from '../describe.js';
import descriptions from '../generated/descriptions.json' with { type: 'json' };
import { OAUTH2_CREDENTIAL } from '../settings.js';

const { oauth2 } = descriptions as unknown as N8nDescriptions;

/** Pipedrive's OAuth 2.0 endpoints; `PIPEDRIVE_OAUTH_URL` of n8n's process replaces their host (a stand-in). */
function endpoint(url: string): string {
  const base = process.env.PIPEDRIVE_OAUTH_URL;
  if (!base) return url;
  const { pathname } = new URL(url);
  return `${base.replace(/\/+$/, '')}${pathname}`;
}

/**
 * n8n's OAuth2 credential with Pipedrive's endpoints: the authorization-code flow, the client credentials sent
 * as HTTP Basic (as Pipedrive asks), the scopes those of the Pipedrive app. n8n keeps the token response
 * (with its `api_domain`, where the calls go) and refreshes the access token when Pipedrive answers 401.
 */
export class PipedriveConnectorOAuth2Api implements ICredentialType {
  name = OAUTH2_CREDENTIAL;

  extends = ['oAuth2Api'];

  displayName = 'Pipedrive Connector OAuth2 API';

  documentationUrl = 'https://pipedrive.readme.io/docs/marketplace-oauth-authorization';

  properties: INodeProperties[] = [
    { displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
    { displayName: 'Authorization URL', name: 'authUrl', type: 'hidden', default: endpoint(oauth2.authUrl) },
    {
      displayName: 'Access Token URL',
      name: 'accessTokenUrl',
      type: 'hidden',
      default: endpoint(oauth2.accessTokenUrl),
    },
    { displayName: 'Scope', name: 'scope', type: 'hidden', default: '' },
    { displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
    { displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'header' },
  ];
}
