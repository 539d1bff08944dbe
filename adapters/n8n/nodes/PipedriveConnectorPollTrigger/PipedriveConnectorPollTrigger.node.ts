import type {
  IDataObject,
  INodeExecutionData,
  INodeProperties,
  INodeType,
  INodeTypeDescription,
  IPollFunctions,
} from 'n8n-workflow';
import { connector, type PollState } from '../../connector.js';
import { authentication, callContext, credentials } from '../../context.js';

/** What the node keeps in the workflow's static data: the poll state, and what it was started for. */
interface NodeState extends IDataObject {
  poll?: PollState & IDataObject;
  made_for?: string;
}

/** The triggers that poll (the manifest says each trigger's modes; the filter triggers only poll). */
const pollable = [
  ...connector.manifest.triggers.filter((t) => t.modes?.includes('polling')),
  ...connector.manifest.polling_triggers,
];
const filterTriggers = pollable.filter((t) => t.name.endsWith('_matches_filter')).map((t) => t.name);

const properties: INodeProperties[] = [
  authentication,
  {
    displayName: 'Trigger',
    name: 'trigger',
    type: 'options',
    noDataExpression: true,
    required: true,
    options: pollable
      .map((t) => ({ name: t.title, value: t.name, description: t.description }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    default: 'new_deal',
  },
  {
    displayName: 'Filter ID',
    name: 'filter_id',
    type: 'number',
    required: true,
    default: 0,
    description: 'The saved Pipedrive filter to watch',
    displayOptions: { show: { trigger: filterTriggers } },
  },
  {
    displayName: 'Backfill',
    name: 'backfill',
    type: 'number',
    default: 0,
    typeOptions: { minValue: 0, maxValue: 100 },
    description:
      'How many of the newest records to fire on the first poll (0: only what changes from now on)',
  },
];

export class PipedriveConnectorPollTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Pipedrive Connector Poll Trigger',
    name: 'pipedriveConnectorPollTrigger',
    icon: 'file:pipedrive.svg',
    group: ['trigger'],
    version: 1,
    subtitle: '={{$parameter["trigger"]}}',
    description:
      'Starts the workflow on new or updated Pipedrive records, or records newly matching a filter, by polling: no public URL needed',
    defaults: { name: 'Pipedrive Connector Poll Trigger' },
    polling: true,
    inputs: [],
    outputs: ['main'],
    credentials,
    properties,
  };

  /** One poll: the events since the state in static data, one item each; the next state saved there. */
  async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
    const name = this.getNodeParameter('trigger') as string;
    const input = filterTriggers.includes(name) ? { filter_id: this.getNodeParameter('filter_id') } : {};
    const backfill = this.getNodeParameter('backfill', 0) as number;
    const madeFor = JSON.stringify({ name, input, backfill });
    const data = this.getWorkflowStaticData('node') as NodeState;
    // A changed node starts again from now; so does a manual test, without touching the active state.
    const manual = this.getMode() === 'manual';
    const start = !data.poll || data.made_for !== madeFor || manual;
    const state = start
      ? await connector.triggers.startPolling(
          name,
          input,
          manual ? { backfill: backfill || 1 } : { backfill },
        )
      : (data.poll as PollState);
    const { events, state: next } = await connector.triggers.poll(state, await callContext(this));
    if (!manual) {
      data.poll = next as PollState & IDataObject;
      data.made_for = madeFor;
    }
    if (events.length === 0) return null;
    return [events.map((event) => ({ json: event as unknown as IDataObject }))];
  }
}
