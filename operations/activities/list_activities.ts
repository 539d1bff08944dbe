import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { activity, activityIncludeFields } from '../../schemas/activities.js';
import {
  describe,
  filterId,
  id,
  idList,
  labelled,
  list,
  optional,
  sortDirection,
  updatedSince,
  updatedUntil,
} from '../../schemas/common.js';

export default defineOperation({
  name: 'list_activities',
  title: 'List activities',
  description:
    'Returns activities, filtered by owner, deal, lead, person, organization, done flag or update time, or by a saved filter.',
  resource: 'activities',
  method: 'GET',
  path: '/activities',
  scopes: ['activities:read', 'activities:full'],
  tokenCost: 10,
  query: optional({
    filter_id: filterId('activities'),
    ids: idList('activity'),
    owner_id: id('Only activities owned by this user. Ignored when `filter_id` is given.', 'Owner'),
    deal_id: id('Only activities linked to this deal. Ignored when `filter_id` is given.', 'Deal'),
    lead_id: describe(
      z.string(),
      'Only activities linked to this lead (UUID). Ignored when `filter_id` is given.',
      'Lead',
    ),
    person_id: id(
      'Only activities whose primary participant is this person. Ignored when `filter_id` is given.',
      'Person',
    ),
    org_id: id(
      'Only activities linked to this organization. Ignored when `filter_id` is given.',
      'Organization',
    ),
    done: describe(
      z.boolean(),
      'Whether to return only done (true) or only not done (false) activities; both when omitted',
    ),
    updated_since: updatedSince('activities'),
    updated_until: updatedUntil('activities'),
    sort_by: labelled(
      { id: 'ID', update_time: 'Update time', add_time: 'Add time', due_date: 'Due date' },
      'The field to sort by (default `id`)',
    ),
    sort_direction: sortDirection(),
    include_fields: activityIncludeFields(),
  }),
  pagination: { maxLimit: 500 },
  output: list(activity),
  sample: { done: false, sort_by: 'due_date', limit: 100 },
});
