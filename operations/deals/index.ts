import add_deal from './add_deal.js';
import add_deal_participant from './add_deal_participant.js';
import convert_deal_to_lead from './convert_deal_to_lead.js';
import delete_deal from './delete_deal.js';
import delete_deal_participant from './delete_deal_participant.js';
import duplicate_deal from './duplicate_deal.js';
import get_deal from './get_deal.js';
import get_deal_changelog from './get_deal_changelog.js';
import get_deal_conversion_status from './get_deal_conversion_status.js';
import get_deal_mail_messages from './get_deal_mail_messages.js';
import get_deal_participants from './get_deal_participants.js';
import get_deal_participants_changelog from './get_deal_participants_changelog.js';
import get_deal_permitted_users from './get_deal_permitted_users.js';
import get_deal_updates from './get_deal_updates.js';
import get_deals_summary from './get_deals_summary.js';
import get_deals_timeline from './get_deals_timeline.js';
import list_archived_deals from './list_archived_deals.js';
import list_deals from './list_deals.js';
import merge_deals from './merge_deals.js';
import search_deals from './search_deals.js';
import update_deal from './update_deal.js';

/** The deals operations. */
export default [
  add_deal,
  add_deal_participant,
  convert_deal_to_lead,
  delete_deal,
  delete_deal_participant,
  duplicate_deal,
  get_deal,
  get_deal_changelog,
  get_deal_conversion_status,
  get_deal_mail_messages,
  get_deal_participants,
  get_deal_participants_changelog,
  get_deal_permitted_users,
  get_deal_updates,
  get_deals_summary,
  get_deals_timeline,
  list_archived_deals,
  list_deals,
  merge_deals,
  search_deals,
  update_deal,
];
