import type {
  IAuthenticateGeneric,
  ICredentialTestRequest,
  ICredentialType,
  INodeProperties,
} from 'n8n-workflow';
import { API_TOKEN_CREDENTIAL, apiBase } from '../settings.js';

/** A Pipedrive user's personal API token, sent in the `x-api-token` header (never in the URL). */
export class PipedriveConnectorApi implements ICredentialType {
  name = API_TOKEN_CREDENTIAL;

  displayName = 'Pipedrive Connector API';

  documentationUrl = 'https://pipedrive.readme.io/docs/how-to-find-the-api-token';

  properties: INodeProperties[] = [
    {
      displayName: 'API Token',
      name: 'apiToken',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'Pipedrive: Settings > Personal preferences > API',
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: { headers: { 'x-api-token': '={{$credentials.apiToken}}' } },
  };

  /** n8n's "Test" button: who the token belongs to. `PIPEDRIVE_API_URL` of n8n's process replaces the host. */
  test: ICredentialTestRequest = {
    request: { baseURL: apiBase(), url: '/v1/users/me' },
  };
}
