import { defineOperation } from '../../runtime/define.js';
import { providerLinkMessage, userProviderLinkId } from '../../schemas/account.js';
import { single } from '../../schemas/common.js';

export default defineOperation({
  name: 'delete_user_provider_link',
  title: 'Delete user provider link',
  description:
    'For video calling apps (Marketplace): removes the link between a user and the app, e.g. when the user uninstalls it. Needs the `video-calls` scope.',
  resource: 'meetings',
  method: 'DELETE',
  path: '/meetings/userProviderLinks/{id}',
  api: 'v1',
  scopes: ['video-calls'],
  tokenCost: 6,
  params: userProviderLinkId,
  output: single(providerLinkMessage),
  sample: { id: '1e3943c9-6395-462b-b432-1f252c017f3d' },
});
