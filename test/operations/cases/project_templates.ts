import { ok, page } from '../../fixtures/entities.js';
import { projectTemplate } from '../../fixtures/projects.js';
import type { OperationCase } from '../harness.js';

const cases: OperationCase[] = [
  {
    op: 'list_project_templates',
    input: { limit: '2' },
    method: 'GET',
    path: '/api/v2/projectTemplates',
    query: { limit: '2' },
    reply: page([projectTemplate(5), projectTemplate(6, { title: 'Enterprise rollout' })], 'eyJpZCI6Nn0'),
  },
  {
    op: 'get_project_template',
    input: { id: 5 },
    method: 'GET',
    path: '/api/v2/projectTemplates/5',
    reply: ok(projectTemplate(5)),
  },
];

export default cases;
