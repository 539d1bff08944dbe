import type { z } from 'zod';
import { ConnectorError, type ErrorIssue } from './errors.js';

/**
 * Input validation with the forgiveness a workflow tool needs: expressions and form fields often produce
 * strings, so a numeric string where a number is expected, "true"/"false" where a boolean is expected and a
 * comma-separated string where a list is expected are converted, guided by the schema's own complaints.
 * Everything else that does not fit is an `invalid_input` error naming each field.
 */

const NUMERIC = /^-?\d+(\.\d+)?$/;
const MAX_PASSES = 4;
/**
 * No input of Pipedrive nests anywhere near this deep. Deeper values (or circular ones, from an engine) would
 * overflow the stack of JSON.stringify, structuredClone or a recursive walk; they are refused up front.
 */
export const MAX_DEPTH = 32;

type Path = readonly PropertyKey[];

function getAt(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function setAt(value: unknown, path: Path, next: unknown): void {
  let current = value as Record<PropertyKey, unknown>;
  for (const key of path.slice(0, -1)) current = current[key] as Record<PropertyKey, unknown>;
  current[path[path.length - 1] as PropertyKey] = next;
}

/** The fix for one issue, or undefined when the value cannot be read as what the schema wants. */
function coerced(issue: z.core.$ZodIssue, value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (issue.code === 'invalid_type') {
    const expected = String(issue.expected);
    if ((expected === 'number' || expected === 'int') && NUMERIC.test(text)) return Number(text);
    if (expected === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
    if (expected === 'array') {
      return text === '' ? [] : text.split(',').map((part) => part.trim());
    }
  }
  if (issue.code === 'invalid_value' && NUMERIC.test(text)) {
    const number = Number(text);
    if (issue.values.includes(number)) return number;
  }
  return undefined;
}

export function formatPath(path: Path): string {
  return path.map(String).join('.');
}

function issueMessage(issue: z.core.$ZodIssue, input: unknown): ErrorIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key]),
      message: 'is not a field of this operation',
    }));
  }
  const path = formatPath(issue.path);
  if (issue.code === 'invalid_type' && getAt(input, issue.path) === undefined) {
    return [{ path, message: 'is required' }];
  }
  const message = issue.message.replace(/^Invalid input: /, '');
  return [{ path, message }];
}

/**
 * Plain objects and arrays: what JSON holds. Anything else in an input (a file's stream, Buffer or Blob) is a
 * value of its own, neither walked nor copied.
 */
function isPlain(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A copy of the plain objects and arrays of a value; other objects are kept as they are. */
function copyPlain<T>(value: T): T {
  if (!isPlain(value)) return value;
  if (Array.isArray(value)) return value.map(copyPlain) as T;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copyPlain(item)])) as T;
}

/** The top-level field holding a value nested deeper than `limit` levels (a walk without recursion). */
export function tooDeep(input: object, limit = MAX_DEPTH): string | undefined {
  const stack: [unknown, number, string][] = Object.entries(input).map(([key, value]) => [value, 1, key]);
  while (stack.length > 0) {
    const [value, depth, field] = stack.pop() as [unknown, number, string];
    if (!isPlain(value)) continue;
    if (depth > limit) return field;
    for (const child of Object.values(value)) stack.push([child, depth + 1, field]);
  }
  return undefined;
}

/** Parse `input` with `schema`, converting strings where the schema asks for it; throws `invalid_input`. */
export function validateInput<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  if (input === undefined || input === null) input = {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new ConnectorError('invalid_input', `Invalid input for ${what}: the input must be a JSON object.`, {
      issues: [{ path: '', message: 'must be an object' }],
    });
  }
  const deep = tooDeep(input as object, MAX_DEPTH);
  if (deep !== undefined) {
    const message = `is nested more than ${MAX_DEPTH} levels deep`;
    throw new ConnectorError('invalid_input', `Invalid input for ${what}: ${deep} ${message}.`, {
      issues: [{ path: deep, message }],
    });
  }
  let value: unknown = input;
  let copied = false;
  for (let pass = 0; ; pass++) {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    let changed = false;
    if (pass < MAX_PASSES) {
      for (const issue of result.error.issues) {
        const fix = coerced(issue, getAt(value, issue.path));
        if (fix === undefined || issue.path.length === 0) continue;
        if (!copied) {
          value = copyPlain(value);
          copied = true;
        }
        setAt(value, issue.path, fix);
        changed = true;
      }
    }
    if (!changed) throw invalidInput(result.error, input, what);
  }
}

export function invalidInput(error: z.ZodError, input: unknown, what: string): ConnectorError {
  const issues = error.issues.flatMap((issue) => issueMessage(issue, input));
  const summary = issues
    .map((i) => (i.path ? `${i.path}${i.message.startsWith('is ') ? ' ' : ': '}${i.message}` : i.message))
    .join('; ');
  return new ConnectorError('invalid_input', `Invalid input for ${what}: ${summary}.`, { issues });
}
