import { Registry } from '../runtime/registry.js';
import add_activity from './activities/add_activity.js';
import delete_activity from './activities/delete_activity.js';
import get_activity from './activities/get_activity.js';
import list_activities from './activities/list_activities.js';
import update_activity from './activities/update_activity.js';
import { aliases, removed } from './aliases.js';
import add_deal from './deals/add_deal.js';
import convert_deal_to_lead from './deals/convert_deal_to_lead.js';
import delete_deal from './deals/delete_deal.js';
import get_deal from './deals/get_deal.js';
import get_deal_conversion_status from './deals/get_deal_conversion_status.js';
import list_archived_deals from './deals/list_archived_deals.js';
import list_deals from './deals/list_deals.js';
import search_deals from './deals/search_deals.js';
import update_deal from './deals/update_deal.js';

/** Every operation of the connector, in manifest order. */
export const operations = [
  add_activity,
  delete_activity,
  get_activity,
  list_activities,
  update_activity,
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

export const registry = new Registry(operations, aliases, removed);
