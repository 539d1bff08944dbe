/**
 * The generator of the n8n node descriptions: the parameters of the Pipedrive Connector node (resource,
 * operation, each operation's fields) and of its trigger node (trigger, each trigger's options), made from
 * connector.manifest.json. `npm run manifest` writes them to adapters/n8n/generated/descriptions.json, which the
 * nodes import; test/generated.test.ts fails when that file drifts from the manifest.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import pluralize from 'pluralize';
import type { AuthDescriptor, Manifest, OperationEntry, TriggerEntry } from '../../index.js';
import { type Field, fieldsOf } from './fields.js';
import { styleProperty } from './style.js';

/** The parts of the manifest the descriptions are made from. */
export type ManifestView = Pick<Manifest, 'operations' | 'triggers' | 'lookups' | 'auth'>;

export interface N8nDescriptions {
  /** The Pipedrive Connector node's parameters. */
  node: INodeProperties[];
  /** The trigger node's parameters. */
  trigger: INodeProperties[];
  /** The dropdowns (the node's `listSearch` methods) and the fields each depends on. */
  lookups: { name: string; dependsOn: string[] }[];
  /** Pipedrive's OAuth 2.0 endpoints, for the OAuth2 credential. */
  oauth2: { authUrl: string; accessTokenUrl: string };
}

/** The parameter of a download operation: the binary property its file goes in (n8n's usual name). */
export const OUTPUT_BINARY = 'binaryPropertyName';

/** The binary property n8n's nodes read and write by default. */
export const DEFAULT_BINARY = 'data';

/** Parameter names of the node itself; no manifest field may take one. */
const RESERVED = new Set([
  'resource',
  'operation',
  'returnAll',
  'limit',
  'additionalFields',
  'trigger',
  OUTPUT_BINARY,
]);

export const DEFAULT_RESOURCE = 'deals';
export const DEFAULT_TRIGGER = 'updated_deal';

/**
 * Resource names that say too little once title-cased (`Api`, `Item Search`, `Discounts` of what?): a curated
 * few; every other resource is its name title-cased.
 */
const RESOURCE_TITLES: Readonly<Record<string, string>> = {
  api: 'Raw API Request',
  item_search: 'Search (Any Item Type)',
  discounts: 'Deal Discount',
  installments: 'Deal Installment',
  fields: 'Field Definition',
  mail: 'Mailbox',
};

/** `deal_products` → `Deal Product` (singular, as n8n names resources), or its curated title. */
export function resourceTitle(resource: string): string {
  const words = resource.split('_').map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  const last = words.length - 1;
  words[last] = pluralize.singular(words[last] as string);
  return RESOURCE_TITLES[resource] ?? words.join(' ');
}

/**
 * The sentence n8n shows for an operation in its actions list: the title, where n8n's sentence-case rule can read
 * it (it takes a leading acronym or a hyphenated word for a casing error).
 */
const ACTIONS: Readonly<Record<string, string>> = {
  api_request: 'Send an API request',
  list_company_addons: 'List company addons',
};

function actionOf(op: OperationEntry): string {
  return ACTIONS[op.name] ?? op.title;
}

/** Options in alphabetical order of their names, as n8n lists them (and its node linter asks). */
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

function defaultOf(field: Field): INodeProperties['default'] {
  const given = field.schema.default;
  switch (field.kind) {
    case 'lookup':
      return { mode: 'list', value: '' };
    case 'options':
      return (given as string | number | undefined) ?? field.options?.[0]?.value ?? '';
    case 'multiOptions':
      return [];
    case 'boolean':
      return (given as boolean | undefined) ?? false;
    case 'number':
      return (given as number | undefined) ?? 0;
    case 'binary':
      return DEFAULT_BINARY;
    default:
      return (given as string | undefined) ?? '';
  }
}

/** One manifest field as an n8n parameter. */
function property(field: Field): INodeProperties {
  const description = typeof field.schema.description === 'string' ? field.schema.description : undefined;
  const base: INodeProperties = {
    displayName: typeof field.schema.title === 'string' ? field.schema.title : field.name,
    name: field.name,
    type: 'string',
    default: defaultOf(field),
    ...(description ? { description } : {}),
    ...(field.required ? { required: true } : {}),
  };
  const bounds = {
    ...(typeof field.schema.minimum === 'number' ? { minValue: field.schema.minimum } : {}),
    ...(typeof field.schema.maximum === 'number' ? { maxValue: field.schema.maximum } : {}),
  };
  switch (field.kind) {
    case 'lookup': {
      const lookup = field.lookup as NonNullable<Field['lookup']>;
      return {
        ...base,
        type: 'resourceLocator',
        modes: [
          {
            displayName: 'From List',
            name: 'list',
            type: 'list',
            typeOptions: { searchListMethod: lookup.name, searchable: true },
          },
          lookup.numeric
            ? {
                displayName: 'By ID',
                name: 'id',
                type: 'string',
                placeholder: 'e.g. 42',
                validation: [
                  {
                    type: 'regex',
                    properties: { regex: '^[0-9]+$', errorMessage: 'An ID is a whole number' },
                  },
                ],
              }
            : { displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. EUR' },
        ],
      };
    }
    case 'options':
      return { ...base, type: 'options', options: field.options as INodePropertyOptions[] };
    case 'multiOptions':
      return { ...base, type: 'multiOptions', options: field.options as INodePropertyOptions[] };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'number':
      return { ...base, type: 'number', ...(Object.keys(bounds).length ? { typeOptions: bounds } : {}) };
    case 'date':
    case 'dateTime':
      return { ...base, type: 'dateTime' };
    case 'json':
      return { ...base, type: 'json' };
    case 'color':
      return { ...base, type: 'color' };
    case 'binary':
      return {
        ...base,
        displayName: `Input Binary Field (${base.displayName})`,
        hint: 'The name of the input binary field holding the file',
        description: `${description ?? 'The file'}: the binary field of the input item that holds it; its bytes, file name and MIME type are sent`,
      };
    case 'list':
      return {
        ...base,
        placeholder: 'e.g. 1, 2, 3',
        description: `${description ?? field.name} (comma-separated)`,
      };
    default:
      return base;
  }
}

function checkName(field: Field, where: string): void {
  if (RESERVED.has(field.name))
    throw new Error(`${where}: the field "${field.name}" clashes with a node parameter`);
}

function byDisplayName(a: INodeProperties, b: INodeProperties): number {
  return a.displayName.localeCompare(b.displayName);
}

function nodeProperties(operations: readonly OperationEntry[]): INodeProperties[] {
  const resources = [...new Set(operations.map((op) => op.resource))];
  const properties: INodeProperties[] = [
    {
      displayName: 'Resource',
      name: 'resource',
      type: 'options',
      noDataExpression: true,
      options: resources.map((resource) => ({ name: resourceTitle(resource), value: resource })).sort(byName),
      default: resources.includes(DEFAULT_RESOURCE) ? DEFAULT_RESOURCE : (resources[0] as string),
    },
  ];
  for (const resource of resources) {
    const ops = operations.filter((op) => op.resource === resource);
    properties.push({
      displayName: 'Operation',
      name: 'operation',
      type: 'options',
      noDataExpression: true,
      displayOptions: { show: { resource: [resource] } },
      options: ops
        .map((op) => ({ name: op.title, value: op.name, description: op.description, action: actionOf(op) }))
        .sort(byName),
      // The manifest's first operation, as before the options were sorted: a saved workflow leaves a default out.
      default: (ops[0] as OperationEntry).name,
    });
  }
  const showFor = (op: OperationEntry) => ({ resource: [op.resource], operation: [op.name] });
  // Displayed in this order: each operation's required fields, Return All / Limit, Additional Fields.
  for (const op of operations) {
    const fields = fieldsOf(op);
    for (const field of fields) checkName(field, op.name);
    for (const field of fields.filter((f) => f.required)) {
      properties.push({ ...property(field), displayOptions: { show: showFor(op) } });
    }
  }
  // A download's file goes in a binary property of the output item; its name, type and size in its JSON.
  const downloads = operations.filter((op) => op.output_schema?.['x-binary'] !== undefined);
  if (downloads.length > 0) {
    properties.push({
      displayName: 'Put Output File in Field',
      name: OUTPUT_BINARY,
      type: 'string',
      default: DEFAULT_BINARY,
      required: true,
      hint: 'The name of the output binary field to put the file in',
      displayOptions: {
        show: {
          resource: [...new Set(downloads.map((op) => op.resource))],
          operation: downloads.map((op) => op.name),
        },
      },
    });
  }
  // n8n's Return All / Limit, one pair for every list operation (n8n resolves every parameter of a node on each
  // execution, so fewer of them is faster).
  const lists = operations.filter((op) => op.pagination);
  const show = {
    resource: [...new Set(lists.map((op) => op.resource))],
    operation: lists.map((op) => op.name),
  };
  properties.push(
    {
      displayName: 'Return All',
      name: 'returnAll',
      type: 'boolean',
      default: false,
      description: 'Whether to return all results or only up to a given limit',
      displayOptions: { show },
    },
    {
      displayName: 'Limit',
      name: 'limit',
      type: 'number',
      default: 50,
      typeOptions: { minValue: 1 },
      description: 'Max number of results to return',
      displayOptions: { show: { ...show, returnAll: [false] } },
    },
  );
  for (const op of operations) {
    const optional = fieldsOf(op)
      .filter((f) => !f.required)
      .map(property);
    if (optional.length === 0) continue;
    properties.push({
      displayName: 'Additional Fields',
      name: 'additionalFields',
      type: 'collection',
      placeholder: 'Add Field',
      default: {},
      displayOptions: { show: showFor(op) },
      options: optional.sort(byDisplayName),
    });
  }
  return properties;
}

function triggerProperties(triggers: readonly TriggerEntry[]): INodeProperties[] {
  const properties: INodeProperties[] = [
    {
      displayName: 'Trigger',
      name: 'trigger',
      type: 'options',
      noDataExpression: true,
      required: true,
      options: triggers
        .map((t) => ({ name: t.title, value: t.name, description: t.description }))
        .sort(byName),
      default: DEFAULT_TRIGGER,
    },
  ];
  for (const trigger of triggers) {
    for (const field of fieldsOf({ name: trigger.name, input_schema: trigger.input_schema })) {
      checkName(field, trigger.name);
      properties.push({ ...property(field), displayOptions: { show: { trigger: [trigger.name] } } });
    }
  }
  return properties;
}

function oauth2Of(auth: AuthDescriptor): N8nDescriptions['oauth2'] {
  const oauth = auth.methods.find((method) => method.type === 'oauth2');
  if (!oauth) throw new Error('The manifest has no OAuth 2.0 endpoints');
  return { authUrl: oauth.authorization_url, accessTokenUrl: oauth.token_url };
}

export function n8nDescriptions(manifest: ManifestView): N8nDescriptions {
  return {
    node: nodeProperties(manifest.operations).map(styleProperty),
    trigger: triggerProperties(manifest.triggers).map(styleProperty),
    lookups: manifest.lookups.map((lookup) => ({
      name: lookup.name,
      dependsOn: lookup.depends_on,
    })),
    oauth2: oauth2Of(manifest.auth),
  };
}

/** The generated file's path and contents (for `npm run manifest` and the drift test). */
export const DESCRIPTIONS_PATH = 'adapters/n8n/generated/descriptions.json';

export function renderDescriptions(manifest: ManifestView): string {
  return `${JSON.stringify(n8nDescriptions(manifest), null, 1)}\n`;
}
