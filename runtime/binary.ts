/**
 * Files as the plugin API and the manifest show them: what an upload takes (`FileInput`), what a download gives
 * (`FileOutput`), and the `x-binary` keyword that marks both in the JSON Schemas. The adapters (host, CLI, MCP,
 * n8n, playground) read files through these alone; `files.ts` holds the checks and the multipart body. Cheap to
 * import: no dependency (index.ts re-exports it).
 */
import type { Readable } from 'node:stream';

/**
 * The JSON Schema keyword that marks a file: on an input field, `{ accept?: [content types] }` (the field takes
 * a file; engines show a file picker); at the root of an output schema, `{}` (the operation answers a file,
 * not JSON). See docs/decisions.md, "Files in the manifest".
 */
export const BINARY_KEYWORD = 'x-binary';

/** What `x-binary` says of a file field: the content types Pipedrive takes there (any when absent). */
export interface BinaryField {
  accept?: string[];
}

/**
 * The most bytes of a file sent as base64 inside JSON: the host's JSON body, MCP tool arguments and results.
 * Larger files go as multipart/form-data (host), a stream, Buffer or Blob (plugin API), a path (CLI).
 */
export const BASE64_MAX_BYTES = 512 * 1024;

/** The default bound of one uploaded file (`ctx.maxFileBytes`, the host's MAX_FILE_BYTES). */
export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;

/**
 * A file to upload. A file field also takes the bytes alone (a Readable, Buffer, Uint8Array, Blob or File); the
 * object adds the name and content type. In JSON (the host, MCP, a manifest sample) it is
 * `{ "base64": "...", "name": "contract.pdf", "type": "application/pdf" }`.
 */
export interface FileInput {
  /**
   * The bytes: a Readable (read once, so the request is not retried), a Buffer or Uint8Array, a Blob or File
   * (read again for a retry). Not together with `base64`.
   */
  data?: Readable | Uint8Array | Blob;
  /** The bytes as base64 text, at most BASE64_MAX_BYTES decoded. Not together with `data`. */
  base64?: string;
  /** The file name Pipedrive shows (default: a File's name, else `file` with the type's extension). */
  name?: string;
  /** The content type (default: a Blob's type, else the name's extension, else `application/octet-stream`). */
  type?: string;
  /** The size in bytes, when the bytes are a stream of known length: a file over the limit is refused before anything is sent. */
  size?: number;
}

/** What a file field takes: a FileInput, or the bytes alone. */
export type FileValue = FileInput | Readable | Uint8Array | Blob;

/**
 * A downloaded file, as `execute` resolves for an operation that answers a file: the bytes as a stream (read it
 * once, or destroy it to stop the download), with the name, content type and length Pipedrive sent.
 */
export interface FileOutput {
  data: Readable;
  /** From Content-Disposition; `download` with the type's extension when Pipedrive names none. */
  name: string;
  /** Content-Type, as Pipedrive sent it (`application/octet-stream` when absent). */
  type: string;
  /** Content-Length; undefined when Pipedrive did not say. */
  size?: number;
}

type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Schema =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The file fields of an input JSON Schema (a manifest `input_schema`), with what each accepts. */
export function fileFields(inputSchema: unknown): { name: string; accept?: string[] }[] {
  const properties = isObject(inputSchema) && isObject(inputSchema.properties) ? inputSchema.properties : {};
  return Object.entries(properties).flatMap(([name, schema]) => {
    const binary = isObject(schema) ? schema[BINARY_KEYWORD] : undefined;
    if (!isObject(binary)) return [];
    const accept = Array.isArray(binary.accept) ? (binary.accept as string[]) : undefined;
    return [{ name, ...(accept ? { accept } : {}) }];
  });
}

/** Whether an operation answers a file (its output JSON Schema carries `x-binary`). */
export function answersFile(outputSchema: unknown): boolean {
  return isObject(outputSchema) && isObject(outputSchema[BINARY_KEYWORD]);
}

/** Whether `execute`'s output is a downloaded file rather than Pipedrive's JSON. */
export function isFileOutput(value: unknown): value is FileOutput {
  if (!isObject(value) || typeof value.name !== 'string' || typeof value.type !== 'string') return false;
  const data = value.data as { pipe?: unknown; on?: unknown } | undefined;
  return typeof data?.pipe === 'function' && typeof data.on === 'function';
}
