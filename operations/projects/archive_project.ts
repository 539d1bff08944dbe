import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { project, projectId } from '../../schemas/projects.js';

export default defineOperation({
  name: 'archive_project',
  title: 'Archive project',
  description:
    'Archives a project: it leaves list_projects for list_archived_projects, and `archive_time` is set. Returns the project.',
  resource: 'projects',
  method: 'POST',
  path: '/projects/{id}/archive',
  scopes: ['projects:full'],
  tokenCost: { estimated: 5 },
  customFields: { entity: 'project' },
  params: { id: projectId() },
  output: single(project),
  sample: { id: 1 },
});
