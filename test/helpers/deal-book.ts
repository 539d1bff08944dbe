import type { StubRequest, StubRoute } from './pipedrive-stub.js';

/** A deal as the stub lists it. */
export interface BookDeal {
  id: number;
  title: string;
  add_time: string;
  update_time: string;
}

/** Pipedrive's times: whole seconds, RFC 3339. */
export const pipedriveTime = (ms: number) =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * The deals of a Pipedrive account for the local stub, as `GET /api/v2/deals` lists them to a poller:
 * `updated_since` (inclusive), `sort_by` and `sort_direction`, and an offset cursor of `pageSize` rows (a small
 * page makes a poll several requests long). `touch` changes a deal as a user would; `changes` keeps the event ID
 * each change must fire exactly once.
 */
export class DealBook {
  readonly deals = new Map<number, BookDeal>();
  /** `poll:change:deal:<id>:<ISO time>` of each change made through `touch`. */
  readonly changes: string[] = [];
  /** Called on each list request before it is answered (a change "during a poll"). */
  onPage: ((query: Record<string, string>) => void) | undefined;

  constructor(readonly pageSize = 500) {}

  /** `count` deals added and last changed between `oldestMs` and `newestMs` (epoch ms), none of them new. */
  fill(count: number, oldestMs: number, newestMs: number): void {
    for (let i = 0; i < count; i++) {
      const id = this.deals.size + 1;
      const updated = oldestMs + Math.floor(((newestMs - oldestMs) * i) / Math.max(1, count - 1));
      this.deals.set(id, {
        id,
        title: `Deal ${id}`,
        add_time: pipedriveTime(updated - 86_400_000),
        update_time: pipedriveTime(updated),
      });
    }
  }

  /** Change a deal now (a second after its last change at least, as Pipedrive's times are whole seconds). */
  touch(id: number): string {
    const deal = this.deals.get(id);
    if (!deal) throw new Error(`no deal ${id}`);
    const time = pipedriveTime(Math.max(Date.now(), Date.parse(deal.update_time) + 1000));
    deal.update_time = time;
    deal.title = `Deal ${id} (${time})`;
    const eventId = `poll:change:deal:${id}:${new Date(time).toISOString()}`;
    this.changes.push(eventId);
    return eventId;
  }

  /** The rows a list query reads, in its order, before paging. */
  rows(query: Record<string, string>): BookDeal[] {
    const since = query.updated_since ? Date.parse(query.updated_since) : Number.NEGATIVE_INFINITY;
    const sign = query.sort_direction === 'desc' ? -1 : 1;
    const key = (query.sort_by ?? 'id') as keyof BookDeal;
    return [...this.deals.values()]
      .filter((d) => Date.parse(d.update_time) >= since)
      .sort((a, b) => sign * (String(a[key]).localeCompare(String(b[key])) || a.id - b.id));
  }

  /** The rows of the page before the one `query` asks for (what the reader has just read). */
  previousPage(query: Record<string, string>): BookDeal[] {
    const offset = Number(query.cursor ?? 0);
    const size = Math.min(this.pageSize, Number(query.limit ?? 100));
    return this.rows(query).slice(Math.max(0, offset - size), offset);
  }

  list(query: Record<string, string>): unknown {
    this.onPage?.(query);
    const rows = this.rows(query);
    const offset = Number(query.cursor ?? 0);
    const size = Math.min(this.pageSize, Number(query.limit ?? 100));
    const next = offset + size < rows.length ? String(offset + size) : null;
    return {
      success: true,
      data: rows.slice(offset, offset + size),
      additional_data: { next_cursor: next },
    };
  }

  /** The stub's route for the list. */
  route(): StubRoute {
    return {
      method: 'GET',
      path: '/api/v2/deals',
      reply: (request: StubRequest) => this.list(request.query),
    };
  }
}
