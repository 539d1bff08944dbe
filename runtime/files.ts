/**
 * Files in the runtime: the zod schemas of a file field and of a file answer (with their JSON Schema shapes for
 * the manifest), the checks of a file before it is sent (size limit, content type, name, base64), the multipart
 * body got sends, and a download's name, type and length from Pipedrive's headers. A file is never held whole in
 * memory here: Blobs are read lazily, streams flow through with their bytes counted.
 */
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { parse as parseDisposition } from 'content-disposition';
import { FormDataEncoder } from 'form-data-encoder';
import mime from 'mime';
import { z } from 'zod';
import {
  BASE64_MAX_BYTES,
  BINARY_KEYWORD,
  type BinaryField,
  type FileInput,
  type FileOutput,
  type FileValue,
} from './binary.js';
import { transferred } from './collect.js';
import { ConnectorError } from './errors.js';
import { type Headers, header, numberHeader } from './headers.js';
import type { JsonSchema } from './json-schema.js';

const FILE_KEYS: ReadonlySet<string> = new Set(['data', 'base64', 'name', 'type', 'size']);

/**
 * `type/subtype`, optionally with `; name=value` parameters: the characters of RFC 9110 tokens only, nothing that
 * could end a header line of the multipart body.
 */
const MEDIA_TYPE =
  /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;\s*[a-z0-9!#$&^_.+-]+=[a-z0-9!#$&^_.+-]+)*$/;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DATA_URL = /^data:([^;,]*)(?:;[^,]*)?;base64,/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f]/g;

const isBytes = (value: unknown): value is Readable | Uint8Array | Blob =>
  value instanceof Readable || value instanceof Uint8Array || value instanceof Blob;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null &&
  typeof value === 'object' &&
  [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);

/** Why a value is not a file a field can take; undefined when it is one. */
function fileProblem(value: unknown): string | undefined {
  const shape = 'a file: the bytes, or { "base64": "...", "name": "...", "type": "..." }';
  if (value === undefined) return 'is required';
  if (isBytes(value)) return undefined;
  if (!isPlainObject(value)) return `must be ${shape}`;
  const unknown = Object.keys(value).filter((key) => !FILE_KEYS.has(key));
  if (unknown.length > 0) return `has ${unknown.join(', ')}, which a file does not: it is ${shape}`;
  if ((value.data === undefined) === (value.base64 === undefined)) {
    return 'needs its bytes in `data` or `base64` (one of them)';
  }
  if (value.data !== undefined && !isBytes(value.data)) {
    return '`data` must be a stream, Buffer, Uint8Array or Blob';
  }
  if (value.base64 !== undefined && typeof value.base64 !== 'string') return '`base64` must be text';
  if (value.name !== undefined && typeof value.name !== 'string') return '`name` must be text';
  if (value.type !== undefined && typeof value.type !== 'string') return '`type` must be text';
  if (value.size !== undefined && !(Number.isInteger(value.size) && (value.size as number) >= 0)) {
    return '`size` must be a whole number of bytes';
  }
  return undefined;
}

/**
 * A file field of an operation (placed with `files` in defineOperation): a FileInput or the bytes alone;
 * `accept` lists the content types Pipedrive takes there (`audio/*` for any audio). In the manifest it is
 * `{ base64, name, type }` marked with `x-binary`.
 */
export function fileField(description: string, rules: BinaryField = {}, title?: string) {
  return z
    .custom<FileValue>()
    .superRefine((value, ctx) => {
      const problem = fileProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .meta({
      ...(title ? { title } : {}),
      description,
      [BINARY_KEYWORD]: rules.accept ? { accept: [...rules.accept] } : {},
    });
}

const answers = new WeakSet<z.ZodType>();

/** The output of an operation that answers a file: a FileOutput (the bytes as a stream, name, type, size). */
export function fileAnswer(description: string) {
  const schema = z.custom<FileOutput>().meta({ description, [BINARY_KEYWORD]: {} });
  answers.add(schema);
  return schema;
}

/** Whether a schema is a file answer (`fileAnswer`). */
export const isFileAnswer = (schema: z.ZodType): boolean => answers.has(schema);

/** The rules of a file field (`fileField`), or undefined for any other schema. */
export function fileRules(schema: z.ZodType): BinaryField | undefined {
  if (isFileAnswer(schema)) return undefined;
  const binary = z.globalRegistry.get(schema)?.[BINARY_KEYWORD];
  return binary && typeof binary === 'object' ? (binary as BinaryField) : undefined;
}

const KIB = 1024;
const sizeText = (bytes: number) =>
  bytes >= KIB * KIB ? `${Math.round((bytes / KIB / KIB) * 10) / 10} MiB` : `${Math.ceil(bytes / KIB)} KiB`;

/**
 * The JSON Schema of a file field (`io: 'input'`) or a file answer (`'output'`), for the manifest: a file is
 * `{ base64, name, type }` in JSON, and an answer `{ name, type, size }` with its bytes beside the JSON.
 */
export function binaryJsonSchema(node: JsonSchema, io: 'input' | 'output'): void {
  const text = (title: string, description: string) => ({ type: 'string', title, description });
  if (io === 'output') {
    Object.assign(node, {
      type: 'object',
      properties: {
        name: text('File name', "The file's name, from Pipedrive's Content-Disposition"),
        type: text('Content type', "The file's content type, from Pipedrive's Content-Type"),
        size: { type: 'integer', title: 'Size', description: 'The size in bytes, when Pipedrive tells it' },
      },
      required: ['name', 'type'],
    });
    return;
  }
  Object.assign(node, {
    type: 'object',
    properties: {
      base64: {
        ...text(
          'Content (base64)',
          `The file's bytes as base64, at most ${sizeText(BASE64_MAX_BYTES)}; send larger files as multipart/form-data (the host) or as a stream, Buffer or Blob (the plugin API)`,
        ),
        contentEncoding: 'base64',
      },
      name: text('File name', 'The name Pipedrive shows, e.g. contract.pdf'),
      type: text('Content type', 'e.g. application/pdf; by default from the file name'),
    },
    required: ['base64'],
    additionalProperties: false,
  });
}

// ---------- checking a file before it is sent ----------

/** `invalid_input` for a file over its limit; the host answers it 413. */
export function fileTooLarge(
  field: string,
  maxBytes: number,
  size?: number,
  message = `is larger than ${sizeText(maxBytes)} (${maxBytes} bytes), the most sent for one file${
    size === undefined ? '' : `: it has ${size} bytes`
  }`,
): ConnectorError {
  return new ConnectorError('invalid_input', `The file ${field} ${message}.`, {
    issues: [{ path: field, message }],
    max_bytes: maxBytes,
  });
}

/** Whether an error is a file over its limit (`fileTooLarge`): the host answers 413 for it. */
export function isFileTooLarge(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError && typeof error.details.max_bytes === 'number';
}

function invalidFile(field: string, message: string): ConnectorError {
  return new ConnectorError('invalid_input', `Invalid file ${field}: ${message}.`, {
    issues: [{ path: field, message }],
  });
}

/** A file-like part of a multipart body whose bytes are a stream (form-data-encoder reads `stream()`). */
interface StreamPart {
  readonly name: string;
  readonly type: string;
  /** NaN when unknown: the body then goes chunked, without a Content-Length. */
  readonly size: number;
  stream(): Readable;
  readonly [Symbol.toStringTag]: 'File';
}

/** A file checked and ready to go in a multipart body. */
export interface PreparedFile {
  name: string;
  type: string;
  size: number | undefined;
  /** The part can be made again for a retry (bytes in memory or a Blob; not a stream, which is read once). */
  resendable: boolean;
  /** The part of one attempt. */
  part(): File | StreamPart;
}

/** The bytes of base64 text (a `data:` URL prefix allowed), checked: at most BASE64_MAX_BYTES. */
function decodeBase64(field: string, text: string): { bytes: Buffer; type?: string } {
  const dataUrl = DATA_URL.exec(text);
  const body = (dataUrl ? text.slice(dataUrl[0].length) : text).replace(/\s+/g, '');
  if (!BASE64.test(body) || body.length % 4 !== 0) {
    throw invalidFile(`${field}.base64`, 'is not base64 (A–Z, a–z, 0–9, +, / and = padding)');
  }
  const size = (body.length / 4) * 3 - (body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0);
  if (size > BASE64_MAX_BYTES) {
    throw fileTooLarge(
      field,
      BASE64_MAX_BYTES,
      size,
      `has ${size} bytes, more than the ${sizeText(BASE64_MAX_BYTES)} sent as base64 in JSON: send it as multipart/form-data (the host) or as a stream, Buffer or Blob (the plugin API)`,
    );
  }
  const type = dataUrl?.[1] ? dataUrl[1] : undefined;
  return { bytes: Buffer.from(body, 'base64'), ...(type ? { type } : {}) };
}

/** A content type's essence (`image/png` of `image/png; q=1`). */
const essence = (type: string) => (type.split(';')[0] as string).trim();

function accepts(accept: readonly string[] | undefined, type: string): boolean {
  if (!accept) return true;
  const wanted = essence(type);
  return accept.some((pattern) =>
    pattern.endsWith('/*') ? wanted.startsWith(pattern.slice(0, -1)) : wanted === pattern,
  );
}

/** The bytes of a stream, counted: over `maxBytes` (or past a declared size) the stream fails with a clear error. */
function counted(field: string, source: Readable, maxBytes: number, declared: number | undefined): Readable {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(fileTooLarge(field, maxBytes));
      else if (declared !== undefined && seen > declared)
        done(invalidFile(field, `has more bytes than its size (${declared})`));
      else done(null, chunk);
    },
    flush(done) {
      if (declared !== undefined && seen !== declared)
        done(invalidFile(field, `has ${seen} bytes, not its size (${declared})`));
      else done();
    },
  });
  source.once('error', (error) => {
    counter.destroy(
      error instanceof ConnectorError ? error : invalidFile(field, `could not be read (${error.message})`),
    );
  });
  // The upload stopped (Pipedrive answered early, a timeout): the source is let go too.
  counter.once('close', () => {
    if (!source.destroyed) source.destroy();
  });
  return source.pipe(counter);
}

/**
 * Check a file of a field before anything is sent, and make its part: the name (given, a File's, the stream's
 * path, or `file` with the type's extension), the content type (given, a Blob's, the name's extension, or
 * `application/octet-stream`; one of `accept` when the field has a list), the size against `maxBytes` where it
 * is known (a stream of unknown length is counted as it goes and cut off past the limit).
 */
export function prepareFile(
  field: string,
  value: FileValue,
  rules: BinaryField,
  maxBytes: number,
): PreparedFile {
  const input: FileInput = isBytes(value) ? { data: value } : value;
  let source: Blob | Uint8Array | Readable;
  let fromDataUrl: string | undefined;
  if (input.base64 !== undefined) {
    const decoded = decodeBase64(field, input.base64);
    source = decoded.bytes;
    fromDataUrl = decoded.type;
  } else {
    source = input.data as Blob | Uint8Array | Readable;
  }
  const size =
    source instanceof Blob ? source.size : source instanceof Uint8Array ? source.byteLength : input.size;

  const streamPath = source instanceof Readable ? (source as { path?: unknown }).path : undefined;
  const givenName =
    input.name ??
    (source instanceof File ? source.name : undefined) ??
    (typeof streamPath === 'string' ? basename(streamPath) : undefined);
  const blobType = source instanceof Blob && source.type ? source.type : undefined;
  const type = (
    input.type ??
    fromDataUrl ??
    blobType ??
    (givenName ? mime.getType(givenName) : null) ??
    'application/octet-stream'
  )
    .trim()
    .toLowerCase();
  if (!MEDIA_TYPE.test(type)) {
    throw invalidFile(
      `${field}.type`,
      `"${type.slice(0, 100)}" is not a content type such as application/pdf`,
    );
  }
  if (!accepts(rules.accept, type)) {
    throw invalidFile(
      `${field}.type`,
      `Pipedrive takes ${(rules.accept ?? []).join(', ')} here, not ${essence(type)}`,
    );
  }
  const extension = mime.getExtension(essence(type));
  const name = (givenName ?? `file${extension ? `.${extension}` : ''}`).trim();
  if (name === '' || name.length > 255 || name.search(CONTROL) >= 0) {
    throw invalidFile(`${field}.name`, 'must be 1 to 255 characters, without control characters');
  }
  if (size !== undefined && size > maxBytes) throw fileTooLarge(field, maxBytes, size);

  if (source instanceof Blob) {
    const blob = source;
    return { name, type, size, resendable: true, part: () => new File([blob], name, { type }) };
  }
  if (source instanceof Uint8Array) {
    const bytes = source;
    const part = (): StreamPart => ({
      name,
      type,
      size: bytes.byteLength,
      stream: () => Readable.from([bytes]),
      [Symbol.toStringTag]: 'File',
    });
    return { name, type, size, resendable: true, part };
  }
  const stream = source;
  let used = false;
  return {
    name,
    type,
    size,
    resendable: false,
    part: () => {
      if (used) throw new ConnectorError('internal_error', `The stream of file ${field} was read already.`);
      used = true;
      return {
        name,
        type,
        size: size ?? Number.NaN,
        stream: () => counted(field, stream, maxBytes, size),
        [Symbol.toStringTag]: 'File',
      };
    },
  };
}

/**
 * The multipart body handed to got, which encodes it with form-data-encoder (boundary, each part's headers,
 * Content-Length when every size is known). Native FormData holds Blobs only, and Node has no stream-backed
 * Blob; form-data-encoder takes any spec-shaped FormData whose files are File-like (`name`, `type`, `size`,
 * `stream()`), so this holds the text fields and the files: Files (re-readable) or stream-backed parts.
 */
export class MultipartBody {
  readonly #entries: [string, string | File | StreamPart][] = [];

  append(name: string, value: string | File | StreamPart): void {
    this.#entries.push([name, value]);
  }

  getAll(name: string): (string | File | StreamPart)[] {
    return this.#entries.filter(([key]) => key === name).map(([, value]) => value);
  }

  *entries(): IterableIterator<[string, string | File | StreamPart]> {
    yield* this.#entries;
  }

  [Symbol.iterator](): IterableIterator<[string, string | File | StreamPart]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): 'FormData' {
    return 'FormData';
  }
}

/** A multipart/form-data body for one attempt: its bytes as a stream, and the headers that go with them. */
export interface EncodedMultipart {
  body: Readable;
  /** `content-type` with the boundary; `content-length` when every part's size is known. */
  headers: Record<string, string>;
}

/**
 * The encoded body's chunks; a file that cannot be read as they go (a Blob whose file on disk changed or went
 * away since it was opened) fails the body with `invalid_input` naming the field, not with the bare read error.
 */
async function* readingFiles(chunks: AsyncGenerator<Uint8Array>, field: string) {
  try {
    for await (const chunk of chunks) {
      transferred(chunk.byteLength);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    throw invalidFile(field, `could not be read (${(error as Error).message})`);
  }
}

/**
 * A multipart body of text fields and files, for one attempt, encoded by form-data-encoder (got 16 takes only
 * the native FormData, which cannot hold a stream of unknown length): the files are read as the body is sent.
 */
export function multipartBody(
  fields: Readonly<Record<string, string>>,
  files: Readonly<Record<string, PreparedFile>>,
): EncodedMultipart {
  const form = new MultipartBody();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [name, file] of Object.entries(files)) form.append(name, file.part());
  const encoder = new FormDataEncoder(form as never);
  const length = encoder.contentLength;
  return {
    body: Readable.from(readingFiles(encoder.encode(), Object.keys(files).join(', '))),
    headers: { 'content-type': encoder.contentType, ...(length ? { 'content-length': String(length) } : {}) },
  };
}

// ---------- downloads ----------

/** A name from a header, without directories or control characters; undefined when nothing is left. */
function safeName(name: string | undefined): string | undefined {
  const cleaned = name?.split(/[/\\]/).pop()?.replace(CONTROL, '').trim();
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned.slice(0, 255) : undefined;
}

/** A downloaded file from the answer's headers: name (Content-Disposition), type, length; `data` its body. */
export function fileOutput(headers: Headers, data: Readable): FileOutput {
  const type = header(headers, 'content-type')?.trim() || 'application/octet-stream';
  let name: string | undefined;
  const disposition = header(headers, 'content-disposition');
  if (disposition) {
    try {
      name = safeName(parseDisposition(disposition).parameters.filename);
    } catch {
      // A malformed header names nothing.
    }
  }
  const extension = mime.getExtension(essence(type));
  const encoded = (header(headers, 'content-encoding') ?? 'identity').toLowerCase() !== 'identity';
  const size = encoded ? undefined : numberHeader(headers, 'content-length');
  return {
    data,
    name: name ?? `download${extension ? `.${extension}` : ''}`,
    type,
    ...(size !== undefined && size >= 0 ? { size } : {}),
  };
}

/**
 * A local file as a FileInput (the CLI's `--file`, benchmarks): a Blob read lazily from disk (so a retry reads
 * it again), named by the path. Never reachable from JSON input: an input naming a path is not a file.
 */
export async function fileFromPath(path: string): Promise<FileInput> {
  // stat first: its error says why (ENOENT, EACCES, EISDIR) on every Node; openAsBlob's differs by version.
  const info = await stat(path);
  if (!info.isFile()) throw Object.assign(new Error(`${path} is not a file`), { code: 'EISDIR' });
  return { data: await openAsBlob(path), name: basename(path) };
}
