import { z } from 'zod';
import { describe, id, labelled, optional, record, sortDirection } from './common.js';

export const stageName = describe(z.string().min(1), 'The name of the stage');

export const stagePipelineId = id('The ID of the pipeline the stage belongs to', 'Pipeline');

/** Body of add_stage (which makes `name` and `pipeline_id` required) and update_stage. All fields optional. */
export const stageBody = optional({
  name: stageName,
  pipeline_id: stagePipelineId,
  deal_probability: describe(
    z.int().min(0).max(100),
    'The success probability percentage (0–100) of deals in this stage; used when deal weighted values are shown',
  ),
  is_deal_rot_enabled: describe(
    z.boolean(),
    'Whether deals in this stage can become rotten',
    'Deal rotting enabled',
  ),
  days_to_rotten: describe(
    z.int().positive().nullable(),
    'The number of days without updates after which deals in this stage become rotten. Applies only when `is_deal_rot_enabled` is set.',
  ),
});

export const stageListQuery = optional({
  pipeline_id: id('Only stages of this pipeline; all pipelines when omitted', 'Pipeline'),
  sort_by: labelled(
    { id: 'ID', update_time: 'Update time', add_time: 'Add time', order_nr: 'Order number' },
    'The field to sort by (default `id`)',
  ),
  sort_direction: sortDirection(),
});

/** A stage as Pipedrive returns it. */
export const stage = record({
  id: describe(z.int(), 'The ID of the stage'),
  order_nr: describe(z.int(), 'The order of the stage within its pipeline'),
  name: describe(z.string(), 'The name of the stage'),
  is_deleted: describe(z.boolean(), 'Whether the stage is marked as deleted or not'),
  deal_probability: describe(
    z.number(),
    'The success probability percentage of deals in this stage; used when deal weighted values are shown',
  ),
  pipeline_id: describe(z.int(), 'The ID of the pipeline the stage belongs to'),
  is_deal_rot_enabled: describe(z.boolean(), 'Whether deals in this stage can become rotten'),
  days_to_rotten: describe(
    z.int(),
    'The number of days without updates after which deals in this stage become rotten',
  ),
  add_time: describe(z.string(), 'The creation date and time of the stage'),
  update_time: describe(z.string(), 'The last updated date and time of the stage'),
});
