import { defineOperation } from '../../runtime/define.js';
import { projectTemplate, singleWithAdditional, templateId } from '../../schemas/projects.js';

export default defineOperation({
  name: 'get_project_template',
  title: 'Get project template',
  description: 'Returns one project template: its title, description, board and owner.',
  resource: 'project_templates',
  method: 'GET',
  path: '/projectTemplates/{id}',
  scopes: ['projects:read', 'projects:full'],
  tokenCost: { estimated: 1 },
  params: { id: templateId() },
  output: singleWithAdditional(projectTemplate),
  sample: { id: 1 },
});
