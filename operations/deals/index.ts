import add_deal from './add_deal.js';
import convert_deal_to_lead from './convert_deal_to_lead.js';
import delete_deal from './delete_deal.js';
import get_deal from './get_deal.js';
import get_deal_conversion_status from './get_deal_conversion_status.js';
import list_archived_deals from './list_archived_deals.js';
import list_deals from './list_deals.js';
import search_deals from './search_deals.js';
import update_deal from './update_deal.js';

/** The deals operations. */
export default [
  add_deal,
  convert_deal_to_lead,
  delete_deal,
  get_deal,
  get_deal_conversion_status,
  list_archived_deals,
  list_deals,
  search_deals,
  update_deal,
];
