import { defineOperation } from '../../runtime/define.js';
import { providerLinkMessage, userProviderLinkBody } from '../../schemas/account.js';
import { single } from '../../schemas/common.js';

export default defineOperation({
  name: 'add_user_provider_link',
  title: 'Add user provider link',
  description:
    "For video calling apps (Marketplace): after a user installs the app, links the app's user (`user_provider_id`) to the Pipedrive user and company, so that Pipedrive can offer the app's calls. Needs the `video-calls` scope.",
  resource: 'meetings',
  method: 'POST',
  path: '/meetings/userProviderLinks',
  api: 'v1',
  scopes: ['video-calls'],
  tokenCost: 10,
  body: userProviderLinkBody,
  output: single(providerLinkMessage),
  sample: {
    user_provider_id: '1e3943c9-6395-462b-b432-1f252c017f3d',
    user_id: 11,
    company_id: 7730412,
    marketplace_client_id: '57da5c3c55a82bb4',
  },
});
