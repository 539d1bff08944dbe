/**
 * The discovery pair: `find_operations` searches every operation of the manifest (by words and resource) and
 * `run_operation` runs one by name, its input checked by that operation's own schema. With them an agent reaches
 * all the operations while the session lists only a few tools (docs/mcp.md, "Discovery").
 */
import { z } from 'zod';
import { ConnectorError, type Manifest, type OperationEntry } from '../../index.js';
import type { JsonSchema } from '../../runtime/json-schema.js';
import { portableSchema } from './portable.js';

export const FIND_TOOL = 'find_operations';
export const RUN_TOOL = 'run_operation';

const DEFAULT_MATCHES = 10;
const MAX_MATCHES = 50;

// ---------- search ----------

/** Words people use for what the operations call otherwise (both sides of a search go through it). */
const SYNONYMS: Readonly<Record<string, string>> = {
  people: 'person',
  contact: 'person',
  company: 'organization',
  org: 'organization',
  opportunity: 'deal',
  create: 'add',
  new: 'add',
  remove: 'delete',
  edit: 'update',
  change: 'update',
  modify: 'update',
  fetch: 'get',
  read: 'get',
  show: 'get',
  find: 'search',
};

const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'for',
  'to',
  'by',
  'in',
  'on',
  'with',
  'and',
  'or',
  'my',
]);

/** `Activities` → `activity`, `companies` → `organization`: lower case, singular, synonyms. */
function stem(word: string): string {
  const lower = word.toLowerCase();
  const synonym = SYNONYMS[lower];
  if (synonym) return synonym;
  let singular = lower;
  if (lower.length > 4 && lower.endsWith('ies')) singular = `${lower.slice(0, -3)}y`;
  else if (lower.length > 4 && /(ses|xes|ches|shes)$/.test(lower)) singular = lower.slice(0, -2);
  else if (lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss')) singular = lower.slice(0, -1);
  return SYNONYMS[singular] ?? singular;
}

/** The words of a text, stemmed, without stop words (identifiers split on `_` and case changes). */
function words(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word && !STOP_WORDS.has(word.toLowerCase()))
    .map(stem);
}

/** Where a word is found, and what a match there is worth. */
const FIELDS = [
  { weight: 4, text: (op: OperationEntry) => op.name },
  { weight: 3, text: (op: OperationEntry) => op.title },
  { weight: 3, text: (op: OperationEntry) => op.resource },
  { weight: 1, text: (op: OperationEntry) => op.description },
  // The input fields: `done` finds update_activity, `emails` the person operations.
  { weight: 1, text: (op: OperationEntry) => Object.keys(op.input_schema.properties ?? {}).join(' ') },
] as const;

interface Indexed {
  op: OperationEntry;
  fields: { weight: number; words: Set<string> }[];
}

/** The words of each operation of a manifest, worked out on the first search. */
const indexes = new WeakMap<Manifest, Indexed[]>();

function indexOf(manifest: Manifest): Indexed[] {
  let index = indexes.get(manifest);
  if (!index) {
    index = manifest.operations.map((op) => ({
      op,
      fields: FIELDS.map((field) => ({ weight: field.weight, words: new Set(words(field.text(op))) })),
    }));
    indexes.set(manifest, index);
  }
  return index;
}

/** What one query word is worth in an operation: its best field; a word that starts one counts half. */
function wordScore(entry: Indexed, word: string): number {
  let best = 0;
  for (const field of entry.fields) {
    if (field.words.has(word)) best = Math.max(best, field.weight);
    else if (word.length >= 3 && [...field.words].some((w) => w.startsWith(word))) {
      best = Math.max(best, field.weight / 2);
    }
  }
  return best;
}

export interface SearchOptions {
  query?: string;
  resource?: string;
  /** Only operations that read (GET): a read-only session finds nothing it cannot run. */
  readOnly?: boolean;
}

/**
 * The operations matching a search, best first. Those that match every word of the query when there are some,
 * else those that match the most; ranked by where the words match (name, then title and resource, then
 * description and input fields), then by how little else their name says (`list_deals` before
 * `list_archived_deals`). An operation named exactly as the query comes first, then one whose name holds the
 * query's words in their order. Without a query, the operations of the resource in the
 * manifest's order.
 */
export function searchOperations(manifest: Manifest, options: SearchOptions): OperationEntry[] {
  const candidates = indexOf(manifest).filter(
    ({ op }) =>
      (!options.resource || op.resource === options.resource) && (!options.readOnly || op.method === 'GET'),
  );
  const query = options.query?.trim() ?? '';
  const wanted = [...new Set(words(query))];
  if (wanted.length === 0) return query ? [] : candidates.map(({ op }) => op);
  const exact = query.toLowerCase();
  // The query's words in its order, as a name spells them (`convert lead to deal` → convert_lead_to_deal).
  const phrase = exact
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join('_');
  const hits = candidates
    .map((entry) => {
      const scores = wanted.map((word) => wordScore(entry, word));
      const name = entry.fields[0]?.words ?? new Set<string>();
      return {
        op: entry.op,
        exact: entry.op.name === exact,
        phrase: phrase.length > 0 && entry.op.name.includes(phrase),
        matched: scores.filter((score) => score > 0).length,
        score: scores.reduce((sum, score) => sum + score, 0),
        extra: [...name].filter((word) => !wanted.includes(word)).length,
      };
    })
    .filter((hit) => hit.matched > 0);
  const best = Math.max(0, ...hits.map((hit) => hit.matched));
  return hits
    .filter((hit) => hit.exact || hit.matched === best)
    .sort(
      (a, b) =>
        Number(b.exact) - Number(a.exact) ||
        Number(b.phrase) - Number(a.phrase) ||
        b.score - a.score ||
        a.extra - b.extra ||
        a.op.name.localeCompare(b.op.name),
    )
    .map((hit) => hit.op);
}

// ---------- the tools' schemas ----------

const resourcesOf = (manifest: Manifest) => [...new Set(manifest.operations.map((op) => op.resource))].sort();

/** find_operations' arguments: checked with it, and its input schema made from it. */
function findArguments(manifest: Manifest) {
  return z.strictObject({
    query: z.string().optional().meta({
      title: 'Query',
      description:
        'Words to look for in the names, titles, resources and descriptions of the operations, e.g. "merge persons", "project tasks", "deal followers"',
    }),
    resource: z
      .enum(resourcesOf(manifest) as [string, ...string[]], {
        error: 'is not a resource (see the enum of the input schema)',
      })
      .optional()
      .meta({ title: 'Resource', description: 'Only the operations of this resource' }),
    include_input_schema: z.boolean().optional().meta({
      title: 'Include input schemas',
      description: "Give each match's input schema (JSON Schema), to call it with run_operation",
    }),
    limit: z
      .int()
      .min(1)
      .max(MAX_MATCHES)
      .optional()
      .meta({ title: 'Limit', description: `How many matches to return (default ${DEFAULT_MATCHES})` }),
  });
}

/** The arguments of each manifest, made on first use. */
const findArgumentsOf = new WeakMap<Manifest, ReturnType<typeof findArguments>>();

function findArgumentsFor(manifest: Manifest): ReturnType<typeof findArguments> {
  let schema = findArgumentsOf.get(manifest);
  if (!schema) {
    schema = findArguments(manifest);
    findArgumentsOf.set(manifest, schema);
  }
  return schema;
}

export function findInputSchema(manifest: Manifest): JsonSchema & { type: 'object' } {
  return z.toJSONSchema(findArgumentsFor(manifest), { io: 'input' }) as JsonSchema & { type: 'object' };
}

export const FIND_OUTPUT: JsonSchema & { type: 'object' } = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    operations: {
      type: 'array',
      description: 'The matching operations, best first',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', description: 'Pass it as `name` to run_operation' },
          title: { type: 'string' },
          resource: { type: 'string' },
          method: { type: 'string', description: 'GET reads; POST, PATCH, PUT and DELETE write' },
          description: { type: 'string' },
          token_cost: {
            type: 'number',
            description: "What one call costs in Pipedrive's daily token budget (one page, for lists)",
          },
          token_cost_estimated: {
            type: 'boolean',
            description: 'The cost is the usual one for such a call; Pipedrive publishes none',
          },
          input_schema: { type: 'object', description: 'The JSON Schema of its input (when asked for)' },
        },
        required: ['name', 'title', 'resource', 'method', 'description'],
      },
    },
    total: { type: 'integer', description: 'How many operations match in all' },
    resources: {
      type: 'array',
      description: 'Without a query or resource: every resource and how many operations it has',
      items: {
        type: 'object',
        properties: { resource: { type: 'string' }, operations: { type: 'integer' } },
        required: ['resource', 'operations'],
      },
    },
  },
  required: ['operations', 'total'],
};

/** run_operation's arguments. */
function runArguments(readOnly: boolean) {
  return z.strictObject({
    name: z
      .string()
      .min(1, 'is required: the name of an operation')
      .meta({
        title: 'Operation',
        description: `The operation to run, as find_operations names it (e.g. "merge_persons")${readOnly ? '; this session runs only operations that read (GET)' : ''}`,
      }),
    input: z
      .record(z.string(), z.unknown(), { error: 'must be an object: the input of the operation' })
      .optional()
      .meta({
        title: 'Input',
        description:
          "The operation's input, as its input schema describes it (find_operations with include_input_schema)",
      }),
  });
}

const RUN_ARGUMENTS = { reading: runArguments(true), writing: runArguments(false) };

export function runInputSchema(readOnly: boolean): JsonSchema & { type: 'object' } {
  return z.toJSONSchema(RUN_ARGUMENTS[readOnly ? 'reading' : 'writing'], { io: 'input' }) as JsonSchema & {
    type: 'object';
  };
}

// ---------- the calls ----------

type Args = Record<string, unknown>;

const invalid = (path: string, message: string, extra: Record<string, unknown> = {}) =>
  new ConnectorError('invalid_input', `Invalid input: ${path} ${message}.`, {
    ...extra,
    issues: [{ path, message }],
  });

/** A discovery tool's arguments parsed, or `invalid_input` naming each argument at fault. */
function parsed<T>(schema: z.ZodType<T>, args: Args, tool: string): T {
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: key, message: `is not an argument of ${tool}` }))
      : [{ path: issue.path.join('.'), message: issue.message }],
  );
  const text = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
  throw new ConnectorError('invalid_input', `Invalid input for ${tool}: ${text}.`, { issues });
}

/** The first sentence of a description: enough to choose, short enough for many matches. */
const firstSentence = (text: string) => /^.*?[.!?](?=\s|$)/s.exec(text)?.[0] ?? text;

/** `find_operations`: its arguments checked (`invalid_input` naming the field), then the matches. */
export function findOperations(manifest: Manifest, args: Args, readOnly: boolean): Args {
  const {
    query,
    resource,
    include_input_schema: withSchemas,
    limit,
  } = parsed(findArgumentsFor(manifest), args, FIND_TOOL);
  const matches = searchOperations(manifest, {
    ...(query ? { query } : {}),
    ...(resource ? { resource } : {}),
    readOnly,
  });
  const answer: Args = {
    operations: matches.slice(0, limit ?? DEFAULT_MATCHES).map((op) => ({
      name: op.name,
      title: op.title,
      resource: op.resource,
      method: op.method,
      description: firstSentence(op.description),
      ...(typeof op.token_cost === 'number' ? { token_cost: op.token_cost } : {}),
      ...(op.token_cost_estimated ? { token_cost_estimated: true } : {}),
      ...(withSchemas ? { input_schema: portableSchema(op.input_schema, 'input') } : {}),
    })),
    total: matches.length,
  };
  if (!query && !resource) {
    const counts = new Map<string, number>();
    for (const op of matches) counts.set(op.resource, (counts.get(op.resource) ?? 0) + 1);
    answer.resources = [...counts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([r, n]) => ({ resource: r, operations: n }));
  }
  return answer;
}

/**
 * `run_operation`'s arguments: the operation (a manifest name; in a read-only session, one that reads) and its
 * input. `invalid_input` naming `name` or `input` otherwise: nothing is sent.
 */
export function operationToRun(
  manifest: Manifest,
  args: Args,
  readOnly: boolean,
): { op: OperationEntry; input: Args } {
  const { name, input = {} } = parsed(RUN_ARGUMENTS[readOnly ? 'reading' : 'writing'], args, RUN_TOOL);
  const op = manifest.operations.find((entry) => entry.name === name);
  if (!op) {
    const like = searchOperations(manifest, { query: name.replace(/_/g, ' '), readOnly })
      .slice(0, 3)
      .map((entry) => entry.name);
    throw invalid(
      'name',
      `is not an operation${like.length > 0 ? ` (did you mean ${like.join(', ')}?)` : ''}; find_operations finds them`,
      { operation: name },
    );
  }
  if (readOnly && op.method !== 'GET') {
    throw invalid('name', `writes (${op.method}), and this session is read-only: nothing was sent`, {
      operation: name,
    });
  }
  return { op, input };
}

/** A ConnectorError about the operation's input, with its fields named as arguments of run_operation. */
export function underInput(error: unknown): unknown {
  if (!(error instanceof ConnectorError) || error.code !== 'invalid_input') return error;
  const issues = error.details.issues;
  if (!Array.isArray(issues)) return error;
  return new ConnectorError(error.code, error.message, {
    ...error.details,
    issues: issues.map((issue: { path?: string; message: string }) => ({
      ...issue,
      path: issue.path ? `input.${issue.path}` : 'input',
    })),
  });
}
