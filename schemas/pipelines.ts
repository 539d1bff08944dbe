import { z } from 'zod';
import { describe, labelled, optional, record, sortDirection } from './common.js';

export const pipelineName = describe(z.string().min(1), 'The name of the pipeline');

/** Body of add_pipeline (which makes `name` required) and update_pipeline. All fields optional. */
export const pipelineBody = optional({
  name: pipelineName,
  is_deal_probability_enabled: describe(
    z.boolean(),
    'Whether deal probability is enabled for this pipeline (Pipedrive defaults to false)',
    'Deal probability enabled',
  ),
});

/** Sorting of list_pipelines; list_stages adds `order_nr`. */
export const pipelineSortQuery = optional({
  sort_by: labelled(
    { id: 'ID', update_time: 'Update time', add_time: 'Add time' },
    'The field to sort by (default `id`)',
  ),
  sort_direction: sortDirection(),
});

/** A pipeline as Pipedrive returns it. */
export const pipeline = record({
  id: describe(z.int(), 'The ID of the pipeline'),
  name: describe(z.string(), 'The name of the pipeline'),
  order_nr: describe(
    z.int(),
    'The order of the pipeline; the pipeline with the lowest `order_nr` is the default one',
  ),
  is_selected: describe(z.boolean(), 'Whether this pipeline is selected for the user or not'),
  is_deleted: describe(z.boolean(), 'Whether this pipeline is marked as deleted or not'),
  is_deal_probability_enabled: describe(z.boolean(), 'Whether deal probability is enabled for this pipeline'),
  add_time: describe(z.string(), 'The creation date and time of the pipeline'),
  update_time: describe(z.string(), 'The last updated date and time of the pipeline'),
});
