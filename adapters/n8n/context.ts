/**
 * The connector's call context from an n8n node: credentials, logger, cancellation. Shared by the action node,
 * its dropdowns and the trigger node.
 */
import type {
  ICredentialDataDecryptedObject,
  IExecuteFunctions,
  IHookFunctions,
  ILoadOptionsFunctions,
  INodeProperties,
  IPollFunctions,
  IWebhookFunctions,
} from 'n8n-workflow';
import type { CallContext, Logger, OAuth2Tokens } from './connector.js';
import { allowedApiBase, ConnectorError } from './connector.js';
import { API_TOKEN_CREDENTIAL, apiBase, OAUTH2_CREDENTIAL } from './settings.js';

/** The node parameter choosing the credential, and the credentials it shows. */
export const authentication: INodeProperties = {
  displayName: 'Authentication',
  name: 'authentication',
  type: 'options',
  options: [
    { name: 'API Token', value: 'apiToken' },
    { name: 'OAuth2', value: 'oAuth2' },
  ],
  default: 'apiToken',
};

export const credentials = [
  { name: API_TOKEN_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['apiToken'] } } },
  { name: OAUTH2_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
];

type NodeFunctions =
  | IExecuteFunctions
  | ILoadOptionsFunctions
  | IHookFunctions
  | IWebhookFunctions
  | IPollFunctions;

/** n8n's logger in the connector's pino-like shape (object first, message second). */
function logger(fn: NodeFunctions): Logger {
  const level =
    (name: 'debug' | 'info' | 'warn' | 'error') =>
    (obj: object | string, msg?: string): void => {
      if (typeof obj === 'string') fn.logger[name](obj);
      else fn.logger[name](msg ?? name, { ...obj });
    };
  return { debug: level('debug'), info: level('info'), warn: level('warn'), error: level('error') };
}

interface TokenData {
  access_token?: string;
  refresh_token?: string;
  api_domain?: string;
  scope?: string;
}

/**
 * The credential's tokens. Its `api_domain` is where the bearer token goes: it must pass the host's rule
 * (`https://<company>.pipedrive.com`, or exactly PIPEDRIVE_API_URL of n8n's process), else nothing is sent.
 */
function tokensOf(data: ICredentialDataDecryptedObject): OAuth2Tokens {
  const token = (data.oauthTokenData ?? {}) as TokenData;
  if (!token.access_token) {
    throw new Error('The Pipedrive OAuth2 credential is not connected yet: connect it in its settings.');
  }
  const given = token.api_domain || apiBase();
  const apiDomain = allowedApiBase(given, apiBase());
  if (!apiDomain) {
    throw new ConnectorError(
      'upstream_error',
      `The Pipedrive OAuth2 credential's api_domain (${given.slice(0, 100)}) is not https://<company>.pipedrive.com (or PIPEDRIVE_API_URL): the token is not sent there. Connect the credential again.`,
      { api_domain: given.slice(0, 100) },
    );
  }
  return {
    accessToken: token.access_token,
    ...(token.refresh_token ? { refreshToken: token.refresh_token } : {}),
    apiDomain,
    ...(token.scope ? { scope: token.scope } : {}),
  };
}

/**
 * The call context for the node's credential. OAuth2 tokens are refreshed by n8n's own mechanism: when
 * Pipedrive answers 401, `refresh` makes one request through n8n's OAuth2 helper, which refreshes the token on
 * the 401 and stores it, and then reads the stored credential again.
 */
export async function callContext(fn: NodeFunctions, itemIndex?: number): Promise<CallContext> {
  // An execution reads parameters per item; the other contexts (dropdowns, webhooks) have no items.
  const auth = (
    'getInputData' in fn
      ? fn.getNodeParameter('authentication', itemIndex ?? 0, 'apiToken')
      : fn.getNodeParameter('authentication', 'apiToken')
  ) as string;
  const node = fn.getNode();
  const base: Omit<CallContext, 'auth'> = {
    logger: logger(fn),
    ...('getExecutionCancelSignal' in fn && fn.getExecutionCancelSignal()
      ? { signal: fn.getExecutionCancelSignal() as AbortSignal }
      : {}),
  };
  if (auth === 'oAuth2') {
    const data = await fn.getCredentials(OAUTH2_CREDENTIAL, itemIndex);
    const tokens = tokensOf(data);
    const id = node.credentials?.[OAUTH2_CREDENTIAL]?.id;
    return {
      ...base,
      ...(id ? { cacheKey: `n8n:${id}` } : {}),
      auth: {
        type: 'oauth2',
        ...tokens,
        refresh: async () => {
          await fn.helpers.httpRequestWithAuthentication.call(fn, OAUTH2_CREDENTIAL, {
            method: 'GET',
            url: `${tokens.apiDomain}/v1/users/me`,
            json: true,
          });
          return tokensOf(await fn.getCredentials(OAUTH2_CREDENTIAL, itemIndex));
        },
      },
    };
  }
  const data = await fn.getCredentials(API_TOKEN_CREDENTIAL, itemIndex);
  const id = node.credentials?.[API_TOKEN_CREDENTIAL]?.id;
  return {
    ...base,
    ...(id ? { cacheKey: `n8n:${id}` } : {}),
    auth: { type: 'api_token', apiToken: String(data.apiToken ?? ''), apiUrl: apiBase() },
  };
}
