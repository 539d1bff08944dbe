import { z } from 'zod';
import { date, describe, id, labelled, optional, record, single, sortDirection } from './common.js';

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

// ---------- statistics (API v1) ----------

/** Query of the pipeline statistics: the period, and whose deals. */
export const statisticsQuery = {
  start_date: date('The first day of the period (YYYY-MM-DD)'),
  end_date: date('The last day of the period (YYYY-MM-DD)'),
  ...optional({
    user_id: id('Whose deals to count (default: the user making the request)', 'User'),
  }),
};

/** Output of get_pipeline_conversion_statistics. */
export const conversionStatistics = single(
  record({
    stage_conversions: describe(
      z.array(
        record({
          from_stage_id: describe(z.int(), 'The ID of the stage deals left'),
          to_stage_id: describe(z.int(), 'The ID of the stage deals reached'),
          conversion_rate: describe(z.number(), 'The share of deals that went on, in percent'),
        }),
      ),
      'The conversion rate from each stage to the next',
    ),
    won_conversion: describe(z.number(), 'The share of deals of the pipeline that were won, in percent'),
    lost_conversion: describe(z.number(), 'The share of deals of the pipeline that were lost, in percent'),
  }),
);

const dealGroup = (what: string) =>
  describe(
    record({
      count: describe(z.int(), 'The number of deals'),
      deals_ids: describe(z.array(z.int()), 'The IDs of the deals'),
      values: describe(z.record(z.string(), z.number()), 'Their total values, by currency code'),
      formatted_values: describe(
        z.record(z.string(), z.string()),
        'Their total values with the currency, by currency code',
      ),
    }),
    what,
  );

/** Output of get_pipeline_movement_statistics. */
export const movementStatistics = single(
  record({
    movements_between_stages: describe(
      record({ count: describe(z.int(), 'The number of moves') }),
      'Deals moved between stages',
    ),
    new_deals: dealGroup('Deals added in the period'),
    deals_left_open: dealGroup('Deals still open at the end of the period'),
    won_deals: dealGroup('Deals won in the period'),
    lost_deals: dealGroup('Deals lost in the period'),
    average_age_in_days: describe(
      record({
        across_all_stages: describe(z.number(), 'The average age of the deals, in days'),
        by_stages: describe(
          z.array(
            record({
              stage_id: describe(z.int(), 'The ID of the stage'),
              value: describe(z.number(), 'The average days deals spent in the stage'),
            }),
          ),
          'The average age by stage',
        ),
      }),
      'How long deals stayed',
    ),
  }),
);
