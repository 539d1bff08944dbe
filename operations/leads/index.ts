import convert_lead_to_deal from './convert_lead_to_deal.js';
import get_lead_conversion_status from './get_lead_conversion_status.js';
import search_leads from './search_leads.js';

/** The leads operations. */
export default [convert_lead_to_deal, get_lead_conversion_status, search_leads];
