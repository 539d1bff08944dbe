/**
 * A request body as a test reads it, whatever its encoding: JSON parsed; a form's fields
 * (application/x-www-form-urlencoded); a multipart/form-data body's text fields and files (name, content type,
 * bytes), parsed by Node's own `Response.formData()`, so the test does not trust the connector's encoding.
 */

export interface SentFile {
  name: string;
  type: string;
  content: Buffer;
}

export interface ParsedBody {
  /** The JSON body (undefined when there is none, or it is not JSON). */
  json?: unknown;
  /** The text fields of a form or multipart body. */
  form?: Record<string, string>;
  /** The files of a multipart body, by field. */
  files?: Record<string, SentFile>;
}

/** The essence of a Content-Type (`multipart/form-data` of `multipart/form-data; boundary=x`). */
export const mediaType = (contentType: unknown) =>
  String(contentType ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase() ?? '';

export async function parseBody(raw: Buffer, contentType: unknown): Promise<ParsedBody> {
  if (raw.length === 0) return {};
  const type = mediaType(contentType);
  if (type === 'application/x-www-form-urlencoded') {
    return { form: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) };
  }
  if (type === 'multipart/form-data') {
    const data = await new Response(new Uint8Array(raw), {
      headers: { 'content-type': String(contentType) },
    }).formData();
    const form: Record<string, string> = {};
    const files: Record<string, SentFile> = {};
    for (const [name, value] of data.entries()) {
      if (typeof value === 'string') form[name] = value;
      else {
        files[name] = {
          name: value.name,
          type: value.type,
          content: Buffer.from(await value.arrayBuffer()),
        };
      }
    }
    return { form, files };
  }
  const text = raw.toString('utf8');
  try {
    return { json: JSON.parse(text) };
  } catch {
    return { json: text };
  }
}
