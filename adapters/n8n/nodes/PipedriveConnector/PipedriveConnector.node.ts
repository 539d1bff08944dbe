import {
  type IDataObject,
  type IExecuteFunctions,
  type INode,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
  NodeOperationError,
} from 'n8n-workflow';
import { fileItem, withFiles } from '../../binary.js';
import { budgetWarning, type CallContext, type CallUsage, connector, isFileOutput } from '../../connector.js';
import { authentication, callContext, credentials } from '../../context.js';
import { type N8nDescriptions, OUTPUT_BINARY } from '../../describe.js';
import { fieldsOf } from '../../fields.js';
import descriptions from '../../generated/descriptions.json' with { type: 'json' };
import { listSearchMethods } from '../../list-search.js';
import { errorItem, n8nError, operationInput, outputItems, subtitleOf } from '../../params.js';

const generated = descriptions as unknown as N8nDescriptions;

type Operation = (typeof connector.manifest.operations)[number];

/** `<credential>|<day>|<state>` budget warnings this n8n process logged. */
const warned = new Set<string>();

/**
 * The execution's context with each call's usage watched: a warning in n8n's log, once per credential and day,
 * when Pipedrive says 80% of the company's daily token budget is used, and when it is spent (docs/n8n.md).
 */
function withBudgetWarnings(ctx: CallContext): CallContext {
  const onUsage = (usage: CallUsage) => {
    const warning = budgetWarning(usage);
    if (!warning) return;
    const key = `${ctx.cacheKey ?? ''}|${usage.at.slice(0, 10)}|${warning.state}`;
    if (warned.has(key)) return;
    warned.add(key);
    ctx.logger?.warn(
      { token_limit: usage.budget.token_limit, token_remaining: usage.budget.token_remaining },
      warning.message,
    );
  };
  return { ...ctx, onUsage };
}

/** Operations by name, found once (an execution asks for every item). */
const operations = new Map<string, Operation>();

function operation(node: INode, name: string, itemIndex: number): Operation {
  let found = operations.get(name);
  if (!found) {
    found = connector.manifest.operations.find((op) => op.name === name);
    if (!found) throw new NodeOperationError(node, `Unknown operation "${name}"`, { itemIndex });
    operations.set(name, found);
  }
  return found;
}

export class PipedriveConnector implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Pipedrive Connector',
    name: 'pipedriveConnector',
    icon: 'file:pipedrive.svg',
    group: ['transform'],
    version: 1,
    subtitle: subtitleOf(generated.node, 'operation'),
    description:
      'Every operation of Pipedrive API v2 (deals, leads, persons, organizations, activities, products and more), with searchable dropdowns, safe retries and rate-limit handling',
    defaults: { name: 'Pipedrive Connector' },
    inputs: ['main'],
    outputs: ['main'],
    usableAsTool: true,
    credentials,
    properties: [authentication, ...generated.node],
  };

  methods = { listSearch: listSearchMethods(generated.lookups) };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const items = this.getInputData();
    const out: INodeExecutionData[] = [];
    const timeZone = this.getTimezone();
    let ctx: Awaited<ReturnType<typeof callContext>> | undefined;
    for (let i = 0; i < items.length; i++) {
      try {
        ctx ??= withBudgetWarnings(await callContext(this));
        const op = operation(this.getNode(), this.getNodeParameter('operation', i) as string, i);
        // n8n's extractValue reads a dotted name as a path into a collection; our dotted names (a goal's
        // `period.start`) are top-level parameters, and toInput takes a resource locator's value itself.
        const read = (name: string, fallback?: unknown) =>
          this.getNodeParameter(name, i, fallback as never, { extractValue: !name.includes('.') });
        const input = await withFiles(this, fieldsOf(op), operationInput(op, read, timeZone), i);
        if (op.pagination) {
          const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
          if (!returnAll) input.max_items = this.getNodeParameter('limit', i, 50) as number;
          for await (const record of connector.stream(op.name, input, ctx)) {
            out.push({ json: record as IDataObject, pairedItem: { item: i } });
          }
        } else {
          const output = await connector.execute(op.name, input, ctx);
          if (isFileOutput(output)) {
            out.push(await fileItem(this, output, this.getNodeParameter(OUTPUT_BINARY, i, 'data'), i));
            continue;
          }
          for (const json of outputItems(output)) out.push({ json, pairedItem: { item: i } });
        }
      } catch (error) {
        if (this.continueOnFail()) {
          out.push({ json: errorItem(error), pairedItem: { item: i } });
          continue;
        }
        throw n8nError(this.getNode(), error, i);
      }
    }
    return [out];
  }
}
