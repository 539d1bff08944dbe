/**
 * Which fields of an input schema are dropdowns, and of which lookup: the `x-lookup` keyword that runtime/lookup.ts
 * puts on them, read back by those who show or describe the fields (MCP tool descriptions, the operations
 * reference). Cheap to import: no dependency (index.ts re-exports it).
 */

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** `x-lookup` fields anywhere in a schema: field name → lookup name (the first a field names). */
export function lookupFields(
  schema: unknown,
  found = new Map<string, string>(),
  key = '',
): Map<string, string> {
  if (Array.isArray(schema)) {
    for (const item of schema) lookupFields(item, found, key);
  } else if (isObject(schema)) {
    const lookup = (schema['x-lookup'] as { lookup?: unknown } | undefined)?.lookup;
    if (typeof lookup === 'string' && key && !found.has(key)) found.set(key, lookup);
    for (const [child, value] of Object.entries(schema)) {
      if (child === 'properties' && isObject(value)) {
        for (const [name, prop] of Object.entries(value)) lookupFields(prop, found, name);
      } else if (child !== 'x-lookup') {
        lookupFields(value, found, key);
      }
    }
  }
  return found;
}
