/**
 * Files in n8n's engine: an upload reads its file from a binary property of the input item, a download puts
 * its file in one (`prepareBinaryData`), and a workflow that downloads a file and attaches it to a deal sends
 * the same bytes it received.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { INodeExecutionData } from '../../adapters/n8n/engine-types.js';
import { CONTRACT, fileRoutes } from '../fixtures/files.js';
import { runWorkflow } from './harness.js';
import { API_CREDENTIAL, NODE, setUpN8nTests } from './setup.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const n8n = setUpN8nTests(() => [...fileRoutes(502)]);

const download = { type: NODE, credentials: API_CREDENTIAL };
const node = (parameters: Record<string, unknown>) => ({
  type: NODE,
  credentials: API_CREDENTIAL,
  parameters: { resource: 'files', ...parameters },
});

/** The bytes of an item's binary property, as n8n keeps them in its default (in-memory) mode. */
const bytesOf = (item: INodeExecutionData | undefined, property: string) =>
  Buffer.from(String(item?.binary?.[property]?.data ?? ''), 'base64');

describe('files in the n8n node', () => {
  it('an upload sends the binary property the field names: its bytes, file name and MIME type', async () => {
    const input = {
      json: {},
      binary: {
        scan: {
          data: CONTRACT.toString('base64'),
          fileName: 'Signed contract.pdf',
          mimeType: 'application/pdf',
        },
      },
    };
    const result = await runWorkflow(
      n8n.harness,
      [
        node({
          operation: 'add_file',
          file: 'scan',
          additionalFields: { deal_id: { __rl: true, mode: 'id', value: '101' } },
        }),
      ],
      [input as never],
    );
    expect(result.error).toBeUndefined();
    expect(result.output['Node 0']?.[0]?.json).toMatchObject({ id: 502 });
    const [request] = n8n.stub.requests;
    expect(request?.body).toEqual({ deal_id: '101' });
    expect(request?.files).toEqual({
      file: { name: 'Signed contract.pdf', type: 'application/pdf', content: CONTRACT },
    });
  });

  it('a download puts the file in the named binary property, its name, type and size in the JSON', async () => {
    const result = await runWorkflow(n8n.harness, [
      {
        ...download,
        parameters: {
          resource: 'files',
          operation: 'download_file',
          id: { __rl: true, mode: 'id', value: '501' },
          binaryPropertyName: 'contract',
        },
      },
    ]);
    expect(result.error).toBeUndefined();
    const [item] = result.output['Node 0'] ?? [];
    expect(item?.json).toEqual({ name: 'contract.pdf', type: 'application/pdf', size: CONTRACT.length });
    expect(item?.binary?.contract).toMatchObject({ fileName: 'contract.pdf', mimeType: 'application/pdf' });
    expect(bytesOf(item, 'contract').equals(CONTRACT)).toBe(true);
    expect(n8n.stub.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/files/501/download']);
  });

  it('download, then attach to a deal: the bytes sent are the bytes received (SHA-256)', async () => {
    const result = await runWorkflow(n8n.harness, [
      node({ operation: 'download_file', id: { __rl: true, mode: 'id', value: '501' } }),
      node({
        operation: 'add_file',
        additionalFields: { deal_id: { __rl: true, mode: 'id', value: '101' } },
      }),
    ]);
    expect(result.error).toBeUndefined();
    const upload = n8n.stub.requests.find((r) => r.method === 'POST');
    expect(upload?.files?.file?.name).toBe('contract.pdf');
    expect(sha256(upload?.files?.file?.content ?? Buffer.alloc(0))).toBe(sha256(CONTRACT));
  });

  it('an input item without the named binary property: a NodeOperationError naming the field, nothing sent', async () => {
    const result = await runWorkflow(n8n.harness, [node({ operation: 'add_file', file: 'missing' })]);
    expect(result.error?.name).toBe('NodeOperationError');
    expect(result.error).toMatchObject({ context: { code: 'invalid_input' } });
    expect(result.error?.message).toContain('"missing"');
    expect(n8n.stub.requests).toEqual([]);
  });
});
