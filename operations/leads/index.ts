import add_lead from './add_lead.js';
import add_lead_label from './add_lead_label.js';
import convert_lead_to_deal from './convert_lead_to_deal.js';
import delete_lead from './delete_lead.js';
import delete_lead_label from './delete_lead_label.js';
import get_lead from './get_lead.js';
import get_lead_conversion_status from './get_lead_conversion_status.js';
import get_lead_permitted_users from './get_lead_permitted_users.js';
import list_archived_leads from './list_archived_leads.js';
import list_lead_labels from './list_lead_labels.js';
import list_lead_sources from './list_lead_sources.js';
import list_leads from './list_leads.js';
import search_leads from './search_leads.js';
import update_lead from './update_lead.js';
import update_lead_label from './update_lead_label.js';

/** The leads operations. */
export default [
  add_lead,
  add_lead_label,
  convert_lead_to_deal,
  delete_lead,
  delete_lead_label,
  get_lead,
  get_lead_conversion_status,
  get_lead_permitted_users,
  list_archived_leads,
  list_lead_labels,
  list_lead_sources,
  list_leads,
  search_leads,
  update_lead,
  update_lead_label,
];
