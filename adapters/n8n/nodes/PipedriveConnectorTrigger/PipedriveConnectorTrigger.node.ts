import {
  type IDataObject,
  type IHookFunctions,
  type INode,
  type INodeType,
  type INodeTypeDescription,
  type IWebhookFunctions,
  type IWebhookResponseData,
  NodeOperationError,
} from 'n8n-workflow';
import { ConnectorError, connector, type SubscriptionState, type TriggerEntry } from '../../connector.js';
import { authentication, callContext, credentials } from '../../context.js';
import type { N8nDescriptions } from '../../describe.js';
import descriptions from '../../generated/descriptions.json' with { type: 'json' };
import { listSearchMethods } from '../../list-search.js';
import { subtitleOf, triggerInput } from '../../params.js';

const generated = descriptions as unknown as N8nDescriptions;

/** What the node keeps in the workflow's static data (never in execution data): the webhook's state. */
interface NodeState extends IDataObject {
  subscription?: SubscriptionState & IDataObject;
  /** The trigger and options the subscription was made for (JSON), to notice when the node was changed. */
  made_for?: string;
}

function findTrigger(node: INode, name: string): TriggerEntry {
  const found = connector.manifest.triggers.find((t) => t.name === name);
  if (!found) throw new NodeOperationError(node, `Unknown trigger "${name}"`);
  return found;
}

/** The trigger chosen in the node and its options. */
function chosen(fn: IHookFunctions): { name: string; input: Record<string, unknown> } {
  const name = fn.getNodeParameter('trigger') as string;
  const read = (parameter: string, fallback?: unknown) =>
    fn.getNodeParameter(parameter, fallback as never, { extractValue: true });
  return { name, input: triggerInput(findTrigger(fn.getNode(), name), read, fn.getTimezone()) };
}

/** The subscription in static data, when it is the one the node's parameters ask for now. */
function current(fn: IHookFunctions): SubscriptionState | undefined {
  const data = fn.getWorkflowStaticData('node') as NodeState;
  const state = data.subscription;
  if (!state) return undefined;
  const same =
    state.callback_url === fn.getNodeWebhookUrl('default') && data.made_for === JSON.stringify(chosen(fn));
  return same ? state : undefined;
}

function respond(fn: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
  fn.getResponseObject().status(status).json(body);
  return { noWebhookResponse: true };
}

export class PipedriveConnectorTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Pipedrive Connector Trigger',
    name: 'pipedriveConnectorTrigger',
    icon: 'file:pipedrive.svg',
    group: ['trigger'],
    version: 1,
    subtitle: subtitleOf(generated.trigger, 'trigger'),
    description:
      'Starts the workflow on Pipedrive events (webhooks v2 with their own Basic credentials; retries dropped)',
    defaults: { name: 'Pipedrive Connector Trigger' },
    inputs: [],
    outputs: ['main'],
    credentials,
    webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
    properties: [authentication, ...generated.trigger],
  };

  /** The dropdowns of options that pick a record (a pipeline, a stage, ...), as in the action node. */
  methods = { listSearch: listSearchMethods(generated.lookups) };

  webhookMethods = {
    default: {
      /** Whether Pipedrive still has the webhook this node registered, for the trigger it is set to now. */
      async checkExists(this: IHookFunctions): Promise<boolean> {
        const state = current(this);
        if (!state) return false;
        const health = await connector.triggers.check(state, await callContext(this));
        return health.status === 'ok';
      },

      /**
       * Register the webhook: n8n's webhook URL, random Basic credentials kept in the node's static data (the
       * earlier ones when there are some, so that a webhook Pipedrive already has for this URL is adopted).
       */
      async create(this: IHookFunctions): Promise<boolean> {
        const data = this.getWorkflowStaticData('node') as NodeState;
        const callbackUrl = this.getNodeWebhookUrl('default');
        if (!callbackUrl)
          throw new NodeOperationError(this.getNode(), 'n8n gave no webhook URL for this node');
        const ctx = await callContext(this);
        const choice = chosen(this);
        const { name, input } = choice;
        let userId: number | undefined;
        if (input.ignore_own_changes) {
          const me = (await connector.execute('get_current_user', {}, ctx)) as { data?: { id?: number } };
          userId = me.data?.id;
        }
        const previous = data.subscription;
        const state = await connector.triggers.subscribe(name, input, {
          ...ctx,
          callbackUrl,
          ...(previous
            ? {
                credentials: {
                  http_auth_user: previous.http_auth_user,
                  http_auth_password: previous.http_auth_password,
                },
              }
            : {}),
          ...(userId !== undefined ? { userId } : {}),
        });
        data.subscription = state as NodeState['subscription'];
        data.made_for = JSON.stringify(choice);
        return true;
      },

      /** Delete the webhook at Pipedrive (one already gone counts as deleted) and forget it. */
      async delete(this: IHookFunctions): Promise<boolean> {
        const data = this.getWorkflowStaticData('node') as NodeState;
        const state = data.subscription;
        if (state) await connector.triggers.unsubscribe(state, await callContext(this));
        delete data.subscription;
        delete data.made_for;
        return true;
      },
    },
  };

  /**
   * One delivery: checked by the connector (Basic credentials in constant time, the payload, the trigger's
   * filters, Pipedrive's retries dropped) and, when it is a new event that passes, one execution with the
   * normalized event as its item. Bad credentials are answered 401, a payload that is not Pipedrive's 400.
   */
  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    const state = (this.getWorkflowStaticData('node') as NodeState).subscription;
    if (!state) return respond(this, 410, { error: 'This trigger has no Pipedrive webhook registered.' });
    const request = this.getRequestObject();
    let events: Awaited<ReturnType<typeof connector.triggers.receive>>;
    try {
      events = await connector.triggers.receive(state, { headers: request.headers, body: request.body });
    } catch (error) {
      if (
        error instanceof ConnectorError &&
        (error.code === 'unauthorized' || error.code === 'invalid_input')
      ) {
        return respond(this, error.status, { error: error.code, message: error.message });
      }
      throw error;
    }
    if (events.length === 0) return { webhookResponse: { status: 'skipped' } };
    return { workflowData: [events.map((event) => ({ json: event as unknown as IDataObject }))] };
  }
}
