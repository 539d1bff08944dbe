import get_project_template from './get_project_template.js';
import list_project_templates from './list_project_templates.js';

/** The project template operations (API v2; templates are made in the Pipedrive web app). */
export default [get_project_template, list_project_templates];
