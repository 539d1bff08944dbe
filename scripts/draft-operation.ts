/**
 * Drafts `defineOperation` files from Pipedrive's documents, for a human to finish (docs/adding-operations.md):
 *
 *   npx tsx scripts/draft-operation.ts <METHOD> <path> [--spec v1|v2|sdk] [--write]
 *   npx tsx scripts/draft-operation.ts --tag <Tag> [--spec v1|v2|sdk] [--write]
 *
 * The path is the document's (`/deals/{id}/products/bulk`, no `/v1` or `/api/v2`); without `--spec` it is
 * looked up in v2, then the SDK-only endpoints, then v1; a tag gives its endpoints that no operation reaches yet
 * (without `--spec`, not the v1 ones that have a v2 twin). A draft has the name of the v5.0 convention, a title,
 * the description, scopes and token cost of the document, the path, query and body fields typed from it (enums as
 * labelled options, formats, nullability, required-ness), an output schema of the documented answer and a sample
 * made of the document's examples. It prints to stdout; `--write` writes `operations/<resource>/<name>.ts` when
 * there is none yet. Development time only: nothing at run time reads the documents.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { exclusions } from '../operations/exclusions.js';
import { operations } from '../operations/index.js';
import {
  declaredCostFor,
  type Endpoint,
  endpointKey,
  kindOf,
  liveEndpoints,
  loadSpec,
  METHODS,
  type Method,
  merged,
  requestBodyOf,
  type SpecName,
  type SpecParameter,
  type SpecSchema,
  scopesOf,
  successOf,
} from './pipedrive-spec.js';

type Imports = Map<string, Set<string>>;

const snake = (text: string) =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();

const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** An object key: bare when it can be (`name`), quoted otherwise (`'type.name'`). */
const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name));

/** The first paragraph of a document description, on one line, without markdown links. */
function prose(text: string | undefined, fallback: string): string {
  const first = (text ?? '').split(/\n\s*\n/)[0] ?? '';
  const plain = first
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain || fallback;
}

const humanWords = (name: string) => {
  const text = name.replace(/_/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/**
 * The v5.0 name: Pipedrive's operationId in snake_case with the convention's verbs: `post` is `add_`, `put` and
 * `patch` are `update_`, a top-level collection is `list_` (a record's own sub-list stays `get_`), bulk calls say
 * `_many_` (never a plural one letter away from the single call's name); the options of a field, which have no
 * single call, are `add_`/`update_`/`delete_<entity>_field_options` alike.
 */
export function nameOf(endpoint: Endpoint): string {
  const kind = kindOf(endpoint);
  const fromPath = `${endpoint.method.toLowerCase()}_${endpoint.path.replace(/\{[^}]+\}/g, '').replace(/\//g, '_')}`;
  let name = snake(endpoint.operation.operationId ?? fromPath).replace(/^_+|_+$/g, '');
  name = name.replace(/^post_/, 'add_').replace(/^(put|patch)_/, 'update_');
  if (kind === 'list' && name.startsWith('get_') && !endpoint.path.includes('{')) {
    name = name.replace(/^get_/, 'list_');
  }
  if (kind === 'search' && name.startsWith('get_')) name = name.replace(/^get_/, 'search_');
  const fieldOptions = /Fields\/\{field_code\}\/options$/.test(endpoint.path);
  if ((kind === 'bulk_add' || kind === 'bulk_delete') && !name.includes('_many_') && !fieldOptions) {
    name = name.replace(/^([a-z]+)_/, '$1_many_');
  }
  return name;
}

/** The resource (picker group): the first tag of the document, in snake_case. */
export function resourceOf(endpoint: Endpoint): string {
  const tag = endpoint.operation.tags?.[0] ?? endpoint.path.split('/')[1] ?? 'api';
  return snake(tag);
}

class Writer {
  readonly imports: Imports = new Map();

  use(from: string, name: string): string {
    const names = this.imports.get(from) ?? new Set<string>();
    names.add(name);
    this.imports.set(from, names);
    return name;
  }

  common(name: string): string {
    return this.use('schemas/common', name);
  }

  z(): string {
    return this.use('zod', 'z');
  }
}

/** Labels of an enum's values: humanized, numbers as they are. */
function labels(values: unknown[]): string {
  const entries = values.map((value) => {
    const label = typeof value === 'string' ? humanWords(value.replace(/[-_]/g, ' ')) : String(value);
    return `${typeof value === 'number' ? value : key(String(value))}: ${quote(label)}`;
  });
  return `{ ${entries.join(', ')} }`;
}

interface FieldOptions {
  name: string;
  /** Inputs are strict and typed for forms; outputs are loose and plain. */
  input: boolean;
  /** A comma-separated query parameter. */
  csv?: boolean;
}

/** Zod code of one field from its document schema. */
function zodOf(schema: SpecSchema | undefined, w: Writer, field: FieldOptions, depth = 0): string {
  const spec = merged(schema);
  const description = prose(spec.description, humanWords(field.name));
  const nullable = spec.nullable ? '.nullable()' : '';
  const describe = (code: string) => `${w.common('describe')}(${code}${nullable}, ${quote(description)})`;
  const z = () => w.z();
  const type = spec.type ?? (spec.properties ? 'object' : undefined);

  if (field.input && spec.enum && spec.enum.length > 0 && depth < 6) {
    const values = spec.enum.filter((v) => v !== null);
    const enumCode = values.every((v) => typeof v === 'number')
      ? `${w.common('labelledNumber')}([${values.join(', ')}], ${labels(values)}, ${quote(description)})`
      : `${w.common('labelled')}(${labels(values.map(String))}, ${quote(description)})`;
    if (field.csv) return `${w.common('csv')}(${enumCode}, ${quote(description)})`;
    return spec.nullable ? `${enumCode}.nullable()` : enumCode;
  }
  switch (type) {
    case 'integer':
      if (field.input && /(^|_)id$|Id$/.test(field.name) && !nullable && !field.csv) {
        const of = /^The ID of (?:the |a |an )?([^.]+?)(?:\.|$)/i.exec(description)?.[1];
        const title = humanWords(of ?? field.name.replace(/_id$/, ''));
        return `${w.common('id')}(${quote(description)}, ${quote(title)})`;
      }
      return field.csv
        ? `${w.common('csv')}(${z()}.int().positive(), ${quote(description)})`
        : describe(`${z()}.int()`);
    case 'number':
      return describe(`${z()}.number()`);
    case 'boolean':
      return describe(`${z()}.boolean()`);
    case 'array': {
      const items = spec.items
        ? zodOf(spec.items, w, { ...field, csv: false }, depth + 1)
        : `${z()}.unknown()`;
      return describe(`${z()}.array(${items})`);
    }
    case 'object': {
      const properties = Object.entries(spec.properties ?? {});
      if (properties.length === 0 || depth >= 4)
        return describe(`${z()}.record(${z()}.string(), ${z()}.unknown())`);
      const required = new Set(spec.required ?? []);
      const inner = properties
        .map(([name, child]) => {
          const code = zodOf(child, w, { name, input: field.input }, depth + 1);
          return `${key(name)}: ${code}${field.input && !required.has(name) ? '.optional()' : ''}`;
        })
        .join(', ');
      return field.input
        ? describe(`${z()}.strictObject({ ${inner} })`)
        : `${w.common('describe')}(${w.common('record')}({ ${inner} })${nullable}, ${quote(description)})`;
    }
    default: {
      if (field.csv) return `${w.common('csv')}(${z()}.string().min(1), ${quote(description)})`;
      if (!field.input) return describe(`${z()}.string()`);
      if (spec.format === 'uuid')
        return spec.nullable ? describe(`${z()}.uuid()`) : `${w.common('uuid')}(${quote(description)})`;
      if (spec.format === 'date' || spec.format === 'YYYY-MM-DD') {
        return spec.nullable ? describe(`${z()}.iso.date()`) : `${w.common('date')}(${quote(description)})`;
      }
      if (spec.format === 'date-time') {
        return spec.nullable
          ? describe(`${z()}.iso.datetime({ offset: true })`)
          : `${w.common('dateTime')}(${quote(description)})`;
      }
      if (spec.format === 'email') return describe(`${z()}.email()`);
      return describe(`${z()}.string()`);
    }
  }
}

/** A parameter's schema with the parameter's own description (the document puts it there). */
const paramSchema = (param: SpecParameter): SpecSchema => ({
  ...merged(param.schema),
  ...(param.description ? { description: param.description } : {}),
});

/** A comma-separated parameter: an `ids`-like name or a description that says so. */
const isCsv = (param: SpecParameter) =>
  merged(param.schema).type === 'string' &&
  (/^(ids|.*_ids)$/.test(param.name) || /comma[- ]separated/i.test(param.description ?? ''));

function shape(fields: [string, string, boolean][], w: Writer): string {
  if (fields.length === 0) return '';
  const required = fields.filter(([, , req]) => req).map(([name, code]) => `    ${key(name)}: ${code},`);
  const optional = fields.filter(([, , req]) => !req).map(([name, code]) => `      ${key(name)}: ${code},`);
  if (required.length === 0)
    return `${w.common('optional')}({\n${optional.map((l) => l.slice(2)).join('\n')}\n  })`;
  const rest = optional.length > 0 ? [`    ...${w.common('optional')}({`, ...optional, '    }),'] : [];
  return `{\n${[...required, ...rest].join('\n')}\n  }`;
}

const PAGING = new Set(['cursor', 'limit', 'start']);

/** A value for the sample: the document's example, else a plausible value of the type. */
function exampleOf(schema: SpecSchema | undefined, name: string, example?: unknown): unknown {
  const spec = merged(schema);
  const given = example ?? spec.example;
  if (given !== undefined && given !== null) return given;
  if (spec.enum && spec.enum.length > 0) return spec.enum.find((v) => v !== null);
  switch (spec.type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [exampleOf(spec.items, name)];
    case 'object': {
      const required = spec.required ?? [];
      return Object.fromEntries(required.map((key) => [key, exampleOf(spec.properties?.[key], key)]));
    }
    default:
      if (spec.format === 'uuid') return '5c3f0a6e-4e75-11ea-9643-03698ef1cfd6';
      if (spec.format === 'date' || spec.format === 'YYYY-MM-DD') return '2027-01-15';
      if (spec.format === 'date-time') return '2027-01-15T10:00:00Z';
      return humanWords(name);
  }
}

/** The output schema code: the envelope of the documented 2xx answer around a record of its `data`. */
function outputOf(endpoint: Endpoint, w: Writer): string {
  const answer = merged(successOf(endpoint.operation).schema);
  const data = merged(answer.properties?.data);
  const paged = merged(merged(answer.properties?.additional_data).properties?.pagination).properties;
  const recordCode = (schema: SpecSchema) => {
    const properties = Object.entries(merged(schema).properties ?? {});
    if (properties.length === 0) return `${w.z()}.unknown()`;
    const inner = properties.map(
      ([name, child]) => `    ${key(name)}: ${zodOf(child, w, { name, input: false }, 1)},`,
    );
    return `${w.common('record')}({\n${inner.join('\n')}\n  })`;
  };
  if (data.type === 'array') {
    const item = recordCode(data.items ?? {});
    if (endpoint.spec !== 'v1') return `${w.common('list')}(${item})`;
    return paged ? `${w.common('listV1')}(${item})` : `${w.use('schemas/reference', 'plainList')}(${item})`;
  }
  const keys = Object.keys(data.properties ?? {});
  if (endpoint.method === 'DELETE' && keys.length === 1 && keys[0] === 'id') {
    return `${w.common('deleted')}(${quote(`The ID of the deleted ${resourceOf(endpoint).replace(/s$/, '').replace(/_/g, ' ')}`)})`;
  }
  return `${w.common('single')}(${recordCode(data)})`;
}

export interface Draft {
  name: string;
  resource: string;
  endpoint: string;
  source: string;
}

/**
 * The draft of an operation for the endpoint. `root` is how the file reaches the repository root (`../../`
 * from `operations/<resource>/`).
 */
export function draftOperation(endpoint: Endpoint, root = '../../'): Draft {
  const w = new Writer();
  const name = nameOf(endpoint);
  const resource = resourceOf(endpoint);
  const kind = kindOf(endpoint);
  const parameters = endpoint.operation.parameters ?? [];
  const sample: Record<string, unknown> = {};

  const params = parameters
    .filter((p) => p.in === 'path')
    .map((p): [string, string, boolean] => {
      sample[p.name] = exampleOf(p.schema, p.name, p.example);
      return [p.name, zodOf(paramSchema(p), w, { name: p.name, input: true }), true];
    });
  const queryParams = parameters.filter((p) => p.in === 'query');
  const paging = queryParams.filter((p) => PAGING.has(p.name)).map((p) => p.name);
  const query = queryParams
    .filter((p) => !PAGING.has(p.name))
    .map((p): [string, string, boolean] => {
      if (p.required) sample[p.name] = exampleOf(p.schema, p.name, p.example);
      const code = zodOf(paramSchema(p), w, { name: p.name, input: true, csv: isCsv(p) });
      return [p.name, code, p.required === true];
    });

  const bodySchema = merged(requestBodyOf(endpoint.operation));
  let body: [string, string, boolean][] = [];
  let listBody: string | undefined;
  if (bodySchema.type === 'array') {
    const field = snake(
      endpoint.path
        .split('/')
        .filter((s) => !s.startsWith('{'))
        .at(-1) ?? 'items',
    );
    listBody = `{ ${key(field)}: ${zodOf(bodySchema, w, { name: field, input: true })}.min(1) }`;
    sample[field] = [exampleOf(bodySchema.items, field)];
  } else {
    const required = new Set(bodySchema.required ?? []);
    body = Object.entries(bodySchema.properties ?? {}).map(([field, schema]) => [
      field,
      zodOf(schema, w, { name: field, input: true }),
      required.has(field),
    ]);
    for (const [field, schema] of Object.entries(bodySchema.properties ?? {})) {
      if (required.has(field) || merged(schema).example !== undefined)
        sample[field] = exampleOf(schema, field);
    }
    // An update changes at least one field.
    if (body.length > 0 && !body.some(([field]) => field in sample)) {
      const [first] = body;
      if (first) sample[first[0]] = exampleOf(bodySchema.properties?.[first[0]], first[0]);
    }
  }

  const pagination = paging.includes('start')
    ? `{ maxLimit: 500, style: 'offset' }`
    : paging.includes('cursor')
      ? kind === 'search'
        ? `{ maxLimit: 500, items: 'data.items' }`
        : '{ maxLimit: 500 }'
      : undefined;
  const cost = declaredCostFor(endpoint);
  const costCode = typeof cost === 'number' ? String(cost) : `{ estimated: ${cost.estimated} }`;
  const costNote =
    typeof cost === 'number' ? '' : ` // no published cost: that of a ${kind.replace('_', ' ')} call`;
  const output = outputOf(endpoint, w);
  const scopes = scopesOf(endpoint.operation);
  const summary = prose(endpoint.operation.summary, humanWords(name));

  const lines = [
    `// DRAFT from ${endpointKey(endpoint)} (${endpoint.spec === 'sdk' ? 'openapi-v2-sdk.yaml' : `openapi-${endpoint.spec}.yaml`}): ${summary}.`,
    `// To finish: name and title, a description for people and agents, shared schemas in schemas/${resource}.ts,`,
    '// dropdowns (x-lookup), a sample the real API accepts; then operations/<resource>/index.ts, a cases file,',
    '// the NOT_YET list of test/coverage.test.ts and `npm run manifest` (docs/adding-operations.md).',
    `export default ${w.use('runtime/define', 'defineOperation')}({`,
    `  name: ${quote(name)},`,
    `  title: ${quote(humanWords(name))},`,
    `  description: ${quote(prose(endpoint.operation.description, summary))},`,
    `  resource: ${quote(resource)},`,
    `  method: ${quote(endpoint.method)},`,
    `  path: ${quote(endpoint.path)},`,
    ...(endpoint.spec === 'v1' ? ["  api: 'v1',"] : []),
    `  scopes: [${scopes.map(quote).join(', ')}],`,
    `  tokenCost: ${costCode},${costNote}`,
    ...(params.length > 0 ? [`  params: ${shape(params, w)},`] : []),
    ...(query.length > 0 ? [`  query: ${shape(query, w)},`] : []),
    ...(pagination ? [`  pagination: ${pagination},`] : []),
    ...(body.length > 0 ? [`  body: ${shape(body, w)},`] : []),
    ...(listBody ? [`  listBody: ${listBody},`] : []),
    `  output: ${output},`,
    `  sample: ${JSON.stringify(sample)},`,
    '});',
  ];
  const imports = [...w.imports]
    .sort(([a], [b]) => (a === 'zod' ? -1 : b === 'zod' ? 1 : a.localeCompare(b)))
    .map(([from, names]) => {
      const path = from === 'zod' ? 'zod' : `${root}${from}.js`;
      return `import { ${[...names].sort().join(', ')} } from '${path}';`;
    });
  const source = format(`${[...imports, '', ...lines].join('\n')}\n`, `operations/${resource}/${name}.ts`);
  return { name, resource, endpoint: endpointKey(endpoint), source };
}

/** The repository's formatting (Biome), so that a draft reads like the files beside it. */
function format(source: string, path: string): string {
  const biome = fileURLToPath(new URL('../node_modules/.bin/biome', import.meta.url));
  try {
    return execFileSync(biome, ['format', `--stdin-file-path=${path}`], { input: source, encoding: 'utf8' });
  } catch {
    return source;
  }
}

// ---------- command line ----------

function find(method: Method, path: string, spec?: SpecName): Endpoint {
  const order: SpecName[] = spec ? [spec] : ['v2', 'sdk', 'v1'];
  for (const name of order) {
    const operation = loadSpec(name).paths[path]?.[method.toLowerCase()];
    if (operation && (name !== 'sdk' || operation['x-sdk-only'] || spec === 'sdk')) {
      return { spec: name, method, path, operation };
    }
  }
  throw new Error(`${method} ${path} is in none of ${order.join(', ')}`);
}

function main(args: string[]): void {
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args.splice(i, 2)[1];
  };
  const write = args.includes('--write');
  if (write) args.splice(args.indexOf('--write'), 1);
  const spec = flag('--spec') as SpecName | undefined;
  const tag = flag('--tag');
  let endpoints: Endpoint[];
  if (tag) {
    const specs: SpecName[] = spec ? [spec] : ['v2', 'sdk', 'v1'];
    // v2 wherever it exists: without --spec, a v1 endpoint with a v2 twin (same path, PUT as PATCH) is left out.
    const hasTwin = (e: Endpoint) =>
      !spec &&
      e.spec === 'v1' &&
      (['v2', 'sdk'] as const).some(
        (s) => loadSpec(s).paths[e.path]?.[e.method === 'PUT' ? 'patch' : e.method.toLowerCase()],
      );
    // Endpoints an operation reaches already, or the exclusions table lists, are left out too.
    const done = new Set([
      ...operations
        .filter((op) => !op.raw)
        .map((op) => endpointKey({ ...op, spec: op.api === 'v1' ? 'v1' : 'v2' })),
      ...exclusions.map((row) => row.endpoint),
    ]);
    endpoints = specs
      .flatMap((s) => liveEndpoints(s))
      .filter((e) => e.operation.tags?.includes(tag) && !hasTwin(e) && !done.has(endpointKey(e)));
  } else {
    const [method, path] = args;
    if (!method || !path || !METHODS.includes(method.toUpperCase() as Method)) {
      throw new Error('usage: draft-operation.ts <METHOD> <path> [--spec v1|v2|sdk] [--write] | --tag <Tag>');
    }
    endpoints = [find(method.toUpperCase() as Method, path, spec)];
  }
  if (endpoints.length === 0) throw new Error(`no live endpoint has the tag ${tag}`);
  for (const endpoint of endpoints) {
    const draft = draftOperation(endpoint);
    if (!write) {
      process.stdout.write(`// ----- operations/${draft.resource}/${draft.name}.ts\n${draft.source}\n`);
      continue;
    }
    const file = new URL(`../operations/${draft.resource}/${draft.name}.ts`, import.meta.url);
    if (existsSync(file)) {
      process.stderr.write(`kept operations/${draft.resource}/${draft.name}.ts (it exists)\n`);
      continue;
    }
    mkdirSync(new URL('.', file), { recursive: true });
    writeFileSync(file, draft.source);
    process.stderr.write(`wrote operations/${draft.resource}/${draft.name}.ts (${draft.endpoint})\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}
