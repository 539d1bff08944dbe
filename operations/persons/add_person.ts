import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { person, personBody } from '../../schemas/persons.js';

export default defineOperation({
  name: 'add_person',
  title: 'Add person',
  description:
    'Adds a new person (contact), optionally linked to an organization. No field is required, but a person usually has a name.',
  resource: 'persons',
  method: 'POST',
  path: '/persons',
  scopes: ['contacts:full'],
  tokenCost: 5,
  customFields: { entity: 'person' },
  body: personBody,
  output: single(person),
  sample: {
    name: 'Mari Tamm',
    org_id: 1,
    emails: [{ value: 'mari.tamm@example.com', primary: true, label: 'work' }],
    phones: [{ value: '+372 5123 4567', primary: true, label: 'mobile' }],
  },
});
