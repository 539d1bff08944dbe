import { defineOperation } from '../../runtime/define.js';
import { list } from '../../schemas/common.js';
import { projectTemplate } from '../../schemas/projects.js';

export default defineOperation({
  name: 'list_project_templates',
  title: 'List project templates',
  description:
    "Returns the project templates (not deleted); add_project's `template_id` makes a project from one, with its board and plan.",
  resource: 'project_templates',
  method: 'GET',
  path: '/projectTemplates',
  scopes: ['projects:read', 'projects:full'],
  tokenCost: { estimated: 10 },
  pagination: { maxLimit: 500 },
  output: list(projectTemplate),
  sample: { limit: 100 },
});
