/**
 * The nodes' dropdowns (n8n's `listSearch` methods): one per lookup of the manifest, for the action node's
 * operation fields and the trigger node's options alike.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { connector } from './connector.js';
import { callContext } from './context.js';
import type { N8nDescriptions } from './describe.js';
import { locatorValue } from './params.js';

/** How many options one page of a dropdown shows. */
const PAGE_SIZE = 50;

/**
 * A dropdown's search: one page of `connector.lookup`, its `next_cursor` as n8n's pagination token. Values the
 * lookup depends on (a stage's pipeline) are read from the node's other parameters, top-level or additional.
 */
function listSearch(lookup: string, dependsOn: string[]) {
  return async function (
    this: ILoadOptionsFunctions,
    filter?: string,
    paginationToken?: string,
  ): Promise<INodeListSearchResult> {
    const input: Record<string, unknown> = { limit: PAGE_SIZE };
    if (filter) input.search = filter;
    if (paginationToken) input.cursor = paginationToken;
    const parameters = this.getCurrentNodeParameters() ?? {};
    const additional = (parameters.additionalFields ?? {}) as IDataObject;
    for (const name of dependsOn) {
      const value = locatorValue(parameters[name] ?? additional[name]);
      if (value !== undefined) input[name] = value;
    }
    const page = await connector.lookup(lookup, input, await callContext(this));
    return {
      results: page.options.map((option) => ({ name: option.label, value: option.value })),
      ...(page.next_cursor ? { paginationToken: page.next_cursor } : {}),
    };
  };
}

/** The `listSearch` methods of a node: every lookup of the generated descriptions, by name. */
export function listSearchMethods(lookups: N8nDescriptions['lookups']) {
  return Object.fromEntries(
    lookups.map((lookup) => [lookup.name, listSearch(lookup.name, lookup.dependsOn)]),
  );
}
