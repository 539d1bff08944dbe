/**
 * Validation messages as a person reads them. Ajv's own ("must have required property 'Deal'", "must be
 * number,null", "must match format 'email'") name JSON Schema's words; these name the field by its titles
 * (`Emails › #1 › Value`) and say what it takes (`must be a number, or left empty`).
 */
import type { RJSFValidationError } from '@rjsf/utils';
import type { JsonSchema } from './schema.js';

const isObject = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const TYPES: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a group of fields',
};

const FORMATS: Record<string, string> = {
  email: 'an email address',
  date: 'a date, YYYY-MM-DD',
  'date-time': 'a date and time, e.g. 2026-12-05T09:30:00Z',
  time: 'a time, HH:MM:SS',
  uri: 'a URL, e.g. https://example.com',
  url: 'a URL, e.g. https://example.com',
  uuid: 'a UUID',
};

/** A field's name as the form shows it: its title, else its key in words. */
const nameOf = (schema: unknown, key: string) =>
  isObject(schema) && typeof schema.title === 'string' ? schema.title : key.replace(/_/g, ' ');

/** The schema of a value of SCHEMA, when it is nullable (`type: [X, "null"]`) or an `anyOf` of alternatives. */
function branches(schema: JsonSchema): JsonSchema[] {
  const alternatives = [schema.anyOf, schema.oneOf].flatMap((list) => (Array.isArray(list) ? list : []));
  return [schema, ...alternatives.filter(isObject)];
}

/** `.emails.0.value` → `Emails › #1 › Value`, by the titles of the schema along the path. */
export function fieldLabel(root: JsonSchema, property: string): string {
  const parts: string[] = [];
  let node: unknown = root;
  for (const segment of property.split('.').filter(Boolean)) {
    const candidates = isObject(node) ? branches(node) : [];
    if (/^\d+$/.test(segment)) {
      parts.push(`#${Number(segment) + 1}`);
      node = candidates.map((c) => c.items).find(isObject);
    } else {
      node = candidates
        .map((c) => (isObject(c.properties) ? c.properties[segment] : undefined))
        .find(isObject);
      parts.push(nameOf(node, segment));
    }
  }
  return parts.join(' › ');
}

/** What the value must be, for one of Ajv's keywords. */
function describe(error: RJSFValidationError): string {
  const params = (error.params ?? {}) as Record<string, unknown>;
  const limit = params.limit;
  switch (error.name) {
    case 'required':
      return 'is required';
    case 'type': {
      const types = String(params.type ?? '').split(',');
      const kinds = types.filter((t) => t !== 'null').map((t) => TYPES[t] ?? t);
      return `must be ${kinds.join(' or ')}${types.includes('null') ? ', or left empty' : ''}`;
    }
    case 'format':
      return `must be ${FORMATS[String(params.format)] ?? `a valid ${String(params.format)}`}`;
    case 'enum':
    case 'const':
    case 'oneOf':
    case 'anyOf':
      return 'must be one of the choices';
    case 'minimum':
      return `must be at least ${limit}`;
    case 'maximum':
      return `must be at most ${limit}`;
    case 'exclusiveMinimum':
      return `must be more than ${limit}`;
    case 'exclusiveMaximum':
      return `must be less than ${limit}`;
    case 'minLength':
      return limit === 1 ? 'must not be empty' : `must have at least ${limit} characters`;
    case 'maxLength':
      return `must have at most ${limit} characters`;
    case 'minItems':
      return `must have at least ${limit} ${limit === 1 ? 'entry' : 'entries'}`;
    case 'maxItems':
      return `must have at most ${limit} entries`;
    case 'uniqueItems':
      return 'must not list the same value twice';
    case 'additionalProperties':
      return `has a field it does not take: ${String(params.additionalProperty)}`;
    case 'pattern':
      return `must have the form ${String(params.pattern)}`;
    default:
      return error.message ?? 'is not valid';
  }
}

/** rjsf's `transformErrors` for a form of ROOT: each message beside its field, and `Field: message` in the list. */
export function humanErrors(root: JsonSchema) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] => {
    // A labelled choice (`oneOf` of constants) fails once per option and once as a whole: one message is enough.
    const seen = new Set<string>();
    return errors.flatMap((error) => {
      const message = describe(error);
      const label = fieldLabel(root, error.property ?? '');
      const stack = label ? `${label}: ${message}` : message;
      if (seen.has(stack)) return [];
      seen.add(stack);
      return [{ ...error, message, stack }];
    });
  };
}
