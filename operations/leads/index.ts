import add_lead from './add_lead.js';
import convert_lead_to_deal from './convert_lead_to_deal.js';
import delete_lead from './delete_lead.js';
import get_lead from './get_lead.js';
import get_lead_conversion_status from './get_lead_conversion_status.js';
import list_lead_labels from './list_lead_labels.js';
import list_lead_sources from './list_lead_sources.js';
import list_leads from './list_leads.js';
import search_leads from './search_leads.js';
import update_lead from './update_lead.js';

/** The leads operations. */
export default [
  add_lead,
  convert_lead_to_deal,
  delete_lead,
  get_lead,
  get_lead_conversion_status,
  list_lead_labels,
  list_lead_sources,
  list_leads,
  search_leads,
  update_lead,
];
