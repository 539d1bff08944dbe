/**
 * Between n8n and the connector: node parameters to an operation's input (as describe.ts laid them out), the
 * connector's output to n8n items, and ConnectorError to n8n's errors.
 */
import { DateTime } from 'luxon';
import {
  type IDataObject,
  type INode,
  type JsonObject,
  NodeApiError,
  NodeOperationError,
} from 'n8n-workflow';
import { ConnectorError } from './connector.js';
import { type Field, fieldsOf, type OperationLike } from './fields.js';

/** Reads one parameter of the current item (n8n's `getNodeParameter` with the item index bound). */
export type ParameterReader = (name: string, fallback?: unknown) => unknown;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function invalid(field: string, message: string): ConnectorError {
  return new ConnectorError('invalid_input', `${field} ${message}`, { issues: [{ path: field, message }] });
}

/** Whether the field takes null (to clear a value): `anyOf` with a null, or a type list with `null`. */
function nullable(schema: Record<string, unknown>): boolean {
  if (Array.isArray(schema.type)) return schema.type.includes('null');
  return (
    Array.isArray(schema.anyOf) && schema.anyOf.some((alt) => (alt as { type?: unknown }).type === 'null')
  );
}

/** The value of a resource locator parameter (`{ __rl: true, mode, value }`), or the value itself. */
export function locatorValue(raw: unknown): unknown {
  const value = isObject(raw) && '__rl' in raw ? raw.value : raw;
  return value === '' || value === null ? undefined : value;
}

/**
 * A parameter value as the connector takes it; undefined when the field is left empty. Null (from an
 * expression) clears a nullable field.
 */
export function toInput(field: Field, raw: unknown, timeZone: string): unknown {
  if (raw === null) return nullable(field.schema) ? null : undefined;
  if (raw === undefined) return undefined;
  switch (field.kind) {
    case 'lookup':
      // An ID typed "By ID", or the list's choice.
      return locatorValue(raw);
    case 'json': {
      if (typeof raw !== 'string') return raw;
      if (raw.trim() === '') return undefined;
      try {
        return JSON.parse(raw);
      } catch {
        throw invalid(field.name, 'is not valid JSON');
      }
    }
    case 'date':
    case 'dateTime': {
      if (raw === '') return undefined;
      const time =
        typeof raw === 'object' && typeof (raw as { toISO?: unknown }).toISO === 'function'
          ? DateTime.fromISO(String((raw as { toISO(): string }).toISO()), { setZone: true })
          : raw instanceof Date
            ? DateTime.fromJSDate(raw)
            : DateTime.fromISO(String(raw), { zone: timeZone, setZone: true });
      // A value that is not a date is passed on as it is: the connector names the field.
      if (!time.isValid) return raw;
      return field.kind === 'date' ? time.toISODate() : time.toISO({ suppressMilliseconds: true });
    }
    case 'list':
      return raw === '' ? undefined : raw;
    case 'color':
      // n8n's picker gives `#1a2b3c`; Pipedrive takes the six digits.
      return raw === '' ? undefined : typeof raw === 'string' ? raw.replace(/^#/, '') : raw;
    default:
      return raw;
  }
}

/** The fields of each operation or trigger, worked out once (an execution reads them for every item). */
const fieldsKept = new WeakMap<OperationLike, Field[]>();

function fieldsOfKept(operation: OperationLike): Field[] {
  let fields = fieldsKept.get(operation);
  if (!fields) {
    fields = fieldsOf(operation);
    fieldsKept.set(operation, fields);
  }
  return fields;
}

/** The operation's input from the node parameters: required fields at the top, the others in Additional Fields. */
export function operationInput(
  operation: OperationLike,
  read: ParameterReader,
  timeZone: string,
): Record<string, unknown> {
  const fields = fieldsOfKept(operation);
  const additional = fields.some((f) => !f.required) ? (read('additionalFields', {}) as IDataObject) : {};
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = field.required ? read(field.name) : additional[field.name];
    const value = toInput(field, raw, timeZone);
    if (value !== undefined) input[field.name] = value;
  }
  return input;
}

/** A trigger's options: top-level parameters. */
export function triggerInput(
  trigger: OperationLike,
  read: ParameterReader,
  timeZone: string,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of fieldsOfKept(trigger)) {
    const value = toInput(field, read(field.name), timeZone);
    if (value !== undefined) input[field.name] = value;
  }
  return input;
}

/** The items of an operation's output: its records (`data`), one item each. */
export function outputItems(output: unknown): IDataObject[] {
  const data = isObject(output) ? output.data : undefined;
  if (Array.isArray(data))
    return data.map((record) => (isObject(record) ? record : { value: record }) as IDataObject);
  if (isObject(data)) return [data as IDataObject];
  return [(isObject(output) ? output : { value: output }) as IDataObject];
}

/** The fields at fault, as one line for n8n's error description. */
function issuesLine(error: ConnectorError): string | undefined {
  const issues = error.details.issues;
  if (!Array.isArray(issues) || issues.length === 0) return undefined;
  return issues.map((issue) => `${issue.path || 'input'}: ${issue.message}`).join('; ');
}

/**
 * The n8n error for a failure: NodeOperationError when nothing was sent (bad input), NodeApiError for what
 * Pipedrive (or the way to it) answered. Both carry the connector's code, message and details.
 */
export function n8nError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
  if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
  if (!(error instanceof ConnectorError)) return new NodeOperationError(node, error as Error, { itemIndex });
  const description = issuesLine(error);
  const options = { itemIndex, ...(description ? { description } : {}) };
  const converted =
    error.code === 'invalid_input' || error.code === 'unknown_operation'
      ? new NodeOperationError(node, error.message, options)
      : new NodeApiError(node, error.toJSON() as unknown as JsonObject, {
          ...options,
          message: error.message,
          httpCode: String(error.status),
        });
  converted.context.code = error.code;
  converted.context.details = error.details as IDataObject;
  return converted;
}

/** The item of a failure under Continue On Fail. */
export function errorItem(error: unknown): IDataObject {
  if (error instanceof ConnectorError) return { error: error.toJSON() as unknown as IDataObject };
  return { error: { message: error instanceof Error ? error.message : String(error) } };
}

/**
 * A node's subtitle: the title of the option chosen in `parameter` (`Add deal`, not `add_deal`), from the options
 * of the node's own properties; the raw value for one it does not list.
 */
export function subtitleOf(
  properties: readonly { name: string; options?: readonly unknown[] }[],
  parameter: string,
): string {
  const titles: Record<string, string> = {};
  for (const property of properties) {
    if (property.name !== parameter) continue;
    for (const option of (property.options ?? []) as { name?: unknown; value?: unknown }[]) {
      if (typeof option.value === 'string' && typeof option.name === 'string')
        titles[option.value] = option.name;
    }
  }
  return `={{ ${JSON.stringify(titles)}[$parameter["${parameter}"]] || $parameter["${parameter}"] }}`;
}
