/** HTTP headers as Node and got give them: lower-case names, each with a value or a list of values. */
export type Headers = Record<string, string | string[] | undefined>;

/** A header's value (the first one when it came more than once); `name` in lower case. */
export function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A header's value as a finite number; undefined when the header is absent or not a number. */
export function numberHeader(headers: Headers, name: string): number | undefined {
  const raw = header(headers, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}
