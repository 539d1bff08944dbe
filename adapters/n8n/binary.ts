/**
 * Files in the n8n node, n8n's way: an upload's file field names a binary property of the input item (its bytes
 * read as a stream where n8n keeps them on disk or in object storage, else its buffer), and a download's file
 * goes in a binary property of the output item through `prepareBinaryData`, with its name, type and size as
 * the item's JSON.
 */
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { ConnectorError, type FileOutput } from './connector.js';
import { DEFAULT_BINARY } from './describe.js';
import type { Field } from './fields.js';

/** The file of a binary property of item `index`, as the connector takes it (`{ data, name, type, size }`). */
async function fileOf(fn: IExecuteFunctions, field: string, index: number, property: unknown) {
  const name = typeof property === 'string' && property.trim() !== '' ? property.trim() : DEFAULT_BINARY;
  let binary: IBinaryData;
  try {
    binary = fn.helpers.assertBinaryData(index, name);
  } catch {
    throw new ConnectorError(
      'invalid_input',
      `${field}: the input item has no binary field "${name}" (the file to send).`,
      { issues: [{ path: field, message: `names no binary field of the input item ("${name}")` }] },
    );
  }
  const meta = {
    ...(binary.fileName ? { name: binary.fileName } : {}),
    ...(binary.mimeType ? { type: binary.mimeType } : {}),
  };
  // Kept out of memory (filesystem or S3 mode): read as a stream, with its size when n8n knows it.
  if (binary.id) {
    const { fileSize } = await fn.helpers.getBinaryMetadata(binary.id);
    const data = await fn.helpers.getBinaryStream(binary.id);
    return { data, ...meta, ...(Number.isInteger(fileSize) ? { size: fileSize } : {}) };
  }
  return { data: await fn.helpers.getBinaryDataBuffer(index, name), ...meta };
}

/** The input with each file field's binary property replaced by its file. */
export async function withFiles(
  fn: IExecuteFunctions,
  fields: readonly Field[],
  input: Record<string, unknown>,
  index: number,
): Promise<Record<string, unknown>> {
  const files = fields.filter((field) => field.kind === 'binary');
  if (files.length === 0) return input;
  const result = { ...input };
  for (const field of files) {
    if (!(field.name in input) && !field.required) continue;
    result[field.name] = await fileOf(fn, field.name, index, input[field.name]);
  }
  return result;
}

/** A downloaded file as an output item: the bytes in binary property `property`, name, type and size in JSON. */
export async function fileItem(
  fn: IExecuteFunctions,
  file: FileOutput,
  property: unknown,
  index: number,
): Promise<INodeExecutionData> {
  const name = typeof property === 'string' && property.trim() !== '' ? property.trim() : DEFAULT_BINARY;
  const binary = await fn.helpers.prepareBinaryData(file.data, file.name, file.type);
  const json: IDataObject = {
    name: file.name,
    type: file.type,
    ...(file.size !== undefined ? { size: file.size } : {}),
  };
  return { json, binary: { [name]: binary }, pairedItem: { item: index } };
}
