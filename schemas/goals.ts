import { z } from 'zod';
import { date, describe, labelled, optional, record } from './common.js';

/**
 * Goals (API v1): a target (a number of deals or activities, or a sum of money) for a user, a team or the whole
 * company, over a duration, tracked per interval; each goal has a report of its progress. Goal IDs are
 * 32-character hexadecimal strings.
 */

const goalTypes = {
  deals_won: 'Deals won',
  deals_progressed: 'Deals progressed (moved to a stage)',
  activities_completed: 'Activities completed',
  activities_added: 'Activities added',
  deals_started: 'Deals started (added)',
  revenue_forecast: 'Revenue forecast',
} as const;

const assigneeTypes = { person: 'A user', company: 'The whole company', team: 'A team' } as const;
const trackingMetrics = {
  quantity: 'Quantity (a number of deals or activities)',
  sum: 'Sum (of deal values)',
} as const;
const intervals = { weekly: 'Weekly', monthly: 'Monthly', quarterly: 'Quarterly', yearly: 'Yearly' } as const;

/**
 * The ID of a goal (Pipedrive's are 32 hex digits), with its dropdown. Letters, digits, `_` and `-` only, as the
 * runtime takes in a path: the schema says what `.` or `..` would be refused for (a fuzz run found that gap).
 */
export const goalId = (description = 'The ID of the goal') =>
  z
    .string()
    .min(1)
    .regex(/^[\w-]+$/, 'expected a goal ID: letters, digits, _ or -')
    .meta({ title: 'Goal', description, 'x-lookup': { lookup: 'goals' } });

/** A list of IDs, each picked from a dropdown; null means all. */
const allOr = (lookup: string, what: string, description: string) =>
  describe(
    z
      .array(
        z
          .int()
          .positive()
          .meta({ description: `The ID of a ${what}`, 'x-lookup': { lookup } }),
      )
      .nullable(),
    description,
  );

/** `type` of a goal: what it counts, and in which pipelines, stage or activity types. */
const goalType = describe(
  z.strictObject({
    name: labelled(goalTypes, 'What the goal counts', 'Goal type'),
    params: describe(
      z
        .strictObject({
          pipeline_id: allOr('pipelines', 'pipeline', 'The pipelines the goal counts deals of; null for all'),
          stage_id: z
            .int()
            .positive()
            .meta({
              title: 'Stage',
              description: 'The stage deals must reach (`deals_progressed` goals only)',
              'x-lookup': { lookup: 'stages' },
            }),
          activity_type_id: allOr(
            'activity_type_ids',
            'activity type',
            'The activity types the goal counts (`activities_completed` and `activities_added` goals); null for all',
          ),
        })
        .partial(),
      'Where the goal counts: pipelines, a stage, activity types',
    ),
  }),
  'The type of the goal, e.g. `{ "name": "deals_started", "params": { "pipeline_id": [1, 2] } }`',
);

/** `assignee` of a goal: a user (`person`), a team or the company. */
const assignee = describe(
  z.strictObject({
    id: z
      .int()
      .positive()
      .meta({
        title: 'Assignee',
        description: 'The ID of the user, team or company the goal is for',
        'x-lookup': { lookup: 'users' },
      }),
    type: labelled(assigneeTypes, 'Who the goal is for', 'Assignee type'),
  }),
  'Who the goal is for, e.g. `{ "id": 1, "type": "person" }` for the user with ID 1',
);

/** `expected_outcome` of a goal: the target and how it is counted. */
const expectedOutcome = describe(
  z.strictObject({
    target: describe(z.number().positive(), 'The number (or sum) to reach'),
    tracking_metric: labelled(trackingMetrics, 'How progress is counted', 'Tracking metric'),
    currency_id: z
      .int()
      .positive()
      .optional()
      .meta({
        title: 'Currency',
        description: 'The currency of the sum (`sum` goals only)',
        'x-lookup': { lookup: 'currency_ids' },
      }),
  }),
  'The target, e.g. `{ "target": 50, "tracking_metric": "quantity" }` or `{ "target": 10000, "tracking_metric": "sum", "currency_id": 1 }`',
);

/** `duration` of a goal: its first day and its last (none for an open-ended goal). */
const duration = describe(
  z.strictObject({
    start: date('The first day of the goal (YYYY-MM-DD)'),
    end: describe(
      z.iso.date().nullable().optional(),
      'The last day of the goal (YYYY-MM-DD); null for open-ended',
    ),
  }),
  'When the goal runs, e.g. `{ "start": "2027-01-01", "end": "2027-12-31" }`',
);

const interval = labelled(intervals, 'The interval the goal is tracked in');

/** Body of add_goal: everything but `title` is required. */
export const addGoalBody = {
  type: goalType,
  assignee,
  expected_outcome: expectedOutcome,
  duration,
  interval,
  ...optional({ title: describe(z.string().min(1), 'The title of the goal') }),
};

/** Body of update_goal: only the fields given change. */
export const updateGoalBody = optional({
  title: describe(z.string().min(1), 'The title of the goal'),
  assignee,
  type: goalType,
  expected_outcome: expectedOutcome,
  duration,
  interval,
});

/** `period.start` and `period.end`: the period to find goals in, or to measure a goal's progress over. */
export const period = (what: string) => ({
  'period.start': date(`The first day of the period ${what} (YYYY-MM-DD)`),
  'period.end': date(`The last day of the period ${what} (YYYY-MM-DD)`),
});

const { revenue_forecast: _notFindable, ...findableTypes } = goalTypes;
const everyone = " If given, everyone's goals are searched (else only yours).";

/** Query of list_goals: every criterion optional; `period.start` and `period.end` go together. */
export const goalsQuery = optional({
  'type.name': labelled(findableTypes, `Only goals of this type.${everyone}`, 'Goal type'),
  title: describe(z.string().min(1), 'Only goals with this title'),
  is_active: describe(
    z.boolean(),
    'Whether to return only active (true, the default) or only inactive (false) goals',
  ),
  'assignee.id': z
    .int()
    .positive()
    .meta({
      title: 'Assignee',
      description: 'Only goals of this user (or team or company, with `assignee.type`); default: your goals',
      'x-lookup': { lookup: 'users' },
    }),
  'assignee.type': labelled(
    assigneeTypes,
    `Only goals for this kind of assignee.${everyone}`,
    'Assignee type',
  ),
  'expected_outcome.target': describe(z.number(), `Only goals with this target.${everyone}`, 'Target'),
  'expected_outcome.tracking_metric': labelled(
    trackingMetrics,
    `Only goals counted this way.${everyone}`,
    'Tracking metric',
  ),
  'expected_outcome.currency_id': z
    .int()
    .positive()
    .meta({
      title: 'Currency',
      description: `Only \`sum\` goals in this currency.${everyone}`,
      'x-lookup': { lookup: 'currency_ids' },
    }),
  'type.params.pipeline_id': describe(
    z.array(
      z
        .int()
        .positive()
        .meta({ description: 'The ID of a pipeline', 'x-lookup': { lookup: 'pipelines' } }),
    ),
    `Only goals of these pipelines (sent comma-separated).${everyone}`,
    'Pipelines',
  ),
  'type.params.stage_id': z
    .int()
    .positive()
    .meta({
      title: 'Stage',
      description: `Only \`deals_progressed\` goals of this stage.${everyone}`,
      'x-lookup': { lookup: 'stages' },
    }),
  'type.params.activity_type_id': describe(
    z.array(
      z
        .int()
        .positive()
        .meta({ description: 'The ID of an activity type', 'x-lookup': { lookup: 'activity_type_ids' } }),
    ),
    `Only activity goals of these activity types (sent comma-separated).${everyone}`,
    'Activity types',
  ),
  ...period('to find goals in; give both or neither'),
});

/** A goal as Pipedrive returns it. */
export const goal = record({
  id: describe(z.string(), 'The ID of the goal'),
  owner_id: describe(z.int(), 'The ID of the user who created the goal'),
  title: describe(z.string(), 'The title of the goal'),
  type: describe(
    record({
      name: describe(z.string(), 'What the goal counts, e.g. `deals_won`'),
      params: describe(
        record({
          pipeline_id: describe(z.array(z.int()), 'The pipelines the goal counts deals of (null: all)'),
          stage_id: describe(z.int(), 'The stage deals must reach (`deals_progressed`)'),
          activity_type_id: describe(z.array(z.int()), 'The activity types the goal counts (null: all)'),
        }),
        'Where the goal counts',
      ),
    }),
    'The type of the goal',
  ),
  assignee: describe(
    record({
      id: describe(z.int(), 'The ID of the user, team or company'),
      type: describe(z.string(), '`person` (a user), `team` or `company`'),
    }),
    'Who the goal is for',
  ),
  interval: describe(z.string(), 'The interval the goal is tracked in'),
  duration: describe(
    record({
      start: describe(z.string(), 'The first day of the goal'),
      end: describe(z.string(), 'The last day of the goal (null: open-ended)'),
    }),
    'When the goal runs',
  ),
  expected_outcome: describe(
    record({
      target: describe(z.number(), 'The number or sum to reach'),
      tracking_metric: describe(z.string(), '`quantity` or `sum`'),
      currency_id: describe(z.int(), 'The currency of the sum'),
    }),
    'The target',
  ),
  is_active: describe(z.boolean(), 'Whether the goal is active'),
  report_ids: describe(z.array(z.string()), 'The IDs of the reports of the goal'),
});

/** The envelope of the goals service: `{ success, statusCode, statusText, service, data }`. */
export const goalsResponse = <T extends z.ZodType>(data: T) =>
  z.looseObject({
    success: describe(z.boolean(), 'Whether the request succeeded'),
    statusCode: describe(z.int().optional(), "The goals service's own status code"),
    statusText: describe(z.string().optional(), "The goals service's status text"),
    service: describe(z.string().optional(), 'The name of the service'),
    data: data.nullish(),
  });

/** Output of add_goal and update_goal. */
export const goalAnswer = goalsResponse(record({ goal }));

/** Output of list_goals. */
export const goalList = goalsResponse(record({ goals: describe(z.array(goal), 'The goals found') }));

/** Output of get_goal_result. */
export const goalResult = goalsResponse(
  record({
    progress: describe(z.number(), "How far the goal got in the period, in its tracking metric's unit"),
    goal,
  }),
);

/** Output of delete_goal: the envelope alone. */
export const goalDeleted = goalsResponse(z.unknown());
