/**
 * Following a list's pages, one record at a time: API v2 by opaque cursor (`cursor`,
 * `additional_data.next_cursor`), API v1 by offset (`start`, `additional_data.pagination.next_start` while
 * `more_items_in_collection`).
 */
import type { CallContext } from './context.js';
import { ConnectorError } from './errors.js';
import { type ApiRequest, pages, parseSuccess } from './transport.js';

/** How an endpoint pages (an operation's `pagination`). */
export interface Pagination {
  /** The endpoint's largest page (500 for v2 lists, 100 for itemSearch). */
  maxLimit: number;
  /** `cursor` (API v2, default) or `offset` (API v1 `start`/`limit`). */
  style?: 'cursor' | 'offset';
  /** Where each page's records are: `data` (lists, default) or `data.items` (searches). */
  items?: 'data' | 'data.items';
}

type PageStyle = NonNullable<Pagination['style']>;

/** The paging style of an endpoint (`cursor` unless it says `offset`). */
export const styleOf = (pagination: Pagination | undefined): PageStyle => pagination?.style ?? 'cursor';

/** Where the next page starts, read from a page's `additional_data`; null when there is no next page. */
export function nextPosition(body: unknown, style: PageStyle): string | number | null {
  const additional = (body as { additional_data?: Record<string, unknown> | null } | undefined)
    ?.additional_data;
  if (style === 'cursor') {
    const next = additional?.next_cursor;
    return typeof next === 'string' && next !== '' ? next : null;
  }
  // v1 lists put it in `additional_data.pagination`; a few (leads) flatten it into `additional_data` itself.
  const pagination = (additional?.pagination ?? additional) as
    | { more_items_in_collection?: unknown; next_start?: unknown; start?: unknown; limit?: unknown }
    | undefined;
  if (pagination?.more_items_in_collection !== true) return null;
  if (typeof pagination.next_start === 'number') return pagination.next_start;
  const { start, limit } = pagination;
  return typeof start === 'number' && typeof limit === 'number' ? start + limit : null;
}

export interface PageOptions {
  /** How the endpoint pages. */
  pagination: Pagination;
  /** Stop after this many records (the page sizes are chosen so the last page ends exactly there). */
  maxItems?: number;
  /** Validates each page's body and returns it parsed; throws to stop. */
  check?: (body: unknown) => unknown | Promise<unknown>;
}

export interface PageState {
  /** Where the page after the last one read starts (a cursor, or a v1 offset); null when there is no more. */
  next: string | number | null;
  pages: number;
  /** The first page's envelope without its records (e.g. itemSearch's `related_items`). */
  firstPage?: Record<string, unknown>;
}

type ItemsPath = NonNullable<Pagination['items']>;

function pageItems(body: unknown, itemsPath: ItemsPath): unknown[] {
  const data = (body as { data?: unknown } | undefined)?.data;
  const items = itemsPath === 'data' ? data : (data as { items?: unknown } | null | undefined)?.items;
  if (items === null || items === undefined) return [];
  if (!Array.isArray(items)) {
    throw new ConnectorError('upstream_error', `Pipedrive's list page has no array at ${itemsPath}.`, {});
  }
  return items;
}

/** For searches the page's `data` also carries non-record members (itemSearch's `related_items`). */
function pageExtras(data: unknown, path: ItemsPath): Record<string, unknown> | undefined {
  if (path !== 'data.items' || !data || typeof data !== 'object') return undefined;
  const { items: _items, ...rest } = data as Record<string, unknown>;
  return rest;
}

/**
 * Follow the pages (cursor or offset) with got's pagination, yielding one record at a time, so
 * memory holds one page however long the list. `state` tells, once iteration ends, whether more remain.
 */
export async function* paginate(
  request: ApiRequest,
  ctx: CallContext,
  options: PageOptions,
  state: PageState = { next: null, pages: 0 },
): AsyncGenerator<unknown, PageState, undefined> {
  const { maxLimit, items: itemsPath = 'data' } = options.pagination;
  const style = styleOf(options.pagination);
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  const pageLimit = (taken: number) => Math.max(1, Math.min(maxLimit, maxItems - taken));
  const requested = Number(request.searchParams?.limit ?? maxLimit);
  let taken = 0;
  const visited = new Set<string>();
  const first: ApiRequest = {
    ...request,
    searchParams: { ...request.searchParams, limit: String(Math.min(requested, pageLimit(0))) },
  };
  if (maxItems <= 0) return state;
  const iterator = pages<unknown>(first, ctx, {
    transform: async (response) => {
      // A page's bytes and text (hundreds of KB: V8 keeps them in large-object space) are not needed once
      // parsed. Dropping them now lets a young-generation collection free them; kept until got moves to
      // the next page, they survive into old space and pile up until a full collection.
      (response as { rawBody?: Uint8Array }).rawBody = undefined;
      const parsed = parseSuccess(response, first).body;
      (response as { body: unknown }).body = undefined;
      const body = options.check ? await options.check(parsed) : parsed;
      state.next = nextPosition(body, style);
      if (state.pages === 0 && body && typeof body === 'object') {
        const { data, ...rest } = body as Record<string, unknown>;
        const extra = pageExtras(data, itemsPath);
        state.firstPage = extra === undefined ? rest : { ...rest, data: extra };
      }
      state.pages += 1;
      return pageItems(body, itemsPath);
    },
    paginate: ({ currentItems }) => {
      taken += currentItems.length;
      if (state.next === null || taken >= maxItems) return false;
      // A server that hands back a position it already gave would make us read forever.
      const key = String(state.next);
      if (visited.has(key)) {
        throw new ConnectorError(
          'upstream_error',
          `Pipedrive's pagination of ${request.path} did not advance (position ${key.slice(0, 40)} came twice).`,
        );
      }
      visited.add(key);
      const position = style === 'cursor' ? { cursor: key } : { start: key };
      return { searchParams: { ...position, limit: String(Math.min(requested, pageLimit(taken))) } };
    },
    countLimit: maxItems,
    requestLimit: Number.POSITIVE_INFINITY,
    backoff: 0,
    stackAllItems: false,
  });
  for await (const item of iterator) yield item;
  return state;
}
