import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { permittedUsers } from '../../schemas/records.js';

export default defineOperation({
  name: 'get_lead_permitted_users',
  title: 'Get lead permitted users',
  description: 'Returns the IDs of the users who may see a lead.',
  resource: 'leads',
  method: 'GET',
  path: '/leads/{id}/permittedUsers',
  api: 'v1',
  scopes: ['leads:read', 'leads:full'],
  tokenCost: 10,
  params: {
    id: z.uuid().meta({ title: 'Lead', description: 'The ID of the lead', 'x-lookup': { lookup: 'leads' } }),
  },
  output: permittedUsers,
  sample: { id: '9f3e6e50-9d99-11ee-9538-29c81a92c0d1' },
});
