import { defineOperation } from '../../runtime/define.js';
import { single } from '../../schemas/common.js';
import { project, projectBody, projectTitle, templateId } from '../../schemas/projects.js';

export default defineOperation({
  name: 'add_project',
  title: 'Add project',
  description:
    'Adds a project with a title, on a board and phase (list_project_boards, list_project_phases), optionally based on a template, and linked to deals, persons and organizations.',
  resource: 'projects',
  method: 'POST',
  path: '/projects',
  scopes: ['projects:full'],
  tokenCost: { estimated: 5 },
  customFields: { entity: 'project' },
  body: {
    ...projectBody,
    title: projectTitle,
    template_id: templateId('The project template the project is based on').optional(),
  },
  output: single(project),
  sample: {
    title: 'Acme onboarding',
    board_id: 1,
    phase_id: 1,
    owner_id: 1,
    start_date: '2026-12-07',
    end_date: '2027-01-29',
    deal_ids: [1],
  },
});
