/**
 * The host's side of issue 25: what a stored connection's calls spend of Pipedrive's daily token budget, kept in
 * the store per connection and per Pipedrive company (so every host sharing the store adds to one count), and
 * the store's lock and memory behind find-or-create and upsert (`KeyCoordinator`), so that concurrent calls for
 * one key on several hosts add one record.
 */
import { createHash } from 'node:crypto';
import type { KeyCoordinator, Logger } from '../runtime/context.js';
import {
  type BudgetState,
  budgetState,
  budgetWarning,
  type CallUsage,
  type UsageSummary,
  usedShare,
  utcDay,
} from '../runtime/usage.js';
import type { Connection, Store, UsageDelta, UsageRow } from './store/types.js';

/** `GET /connections/:id/usage`: the connection's day, and its company's (every connection of it counted). */
export interface ConnectionUsage {
  connection: UsageSummary;
  /** Null when the connection's user has no company ID. */
  company: (UsageSummary & { company_id: number }) | null;
}

const scopeOf = {
  connection: (id: string) => `connection:${id}`,
  company: (id: number) => `company:${id}`,
};

function summaryOf(day: string, row: UsageRow | undefined): UsageSummary {
  const budget = row?.budget ?? null;
  const state: BudgetState = budgetState(budget, row?.spent === true);
  return {
    day,
    tokens: row?.tokens ?? 0,
    calls: row?.calls ?? 0,
    unpriced_calls: row?.unpriced ?? 0,
    budget,
    used_share: usedShare(budget),
    state,
    slow_down: state === 'low' || state === 'spent',
  };
}

function deltaOf(usage: CallUsage): UsageDelta {
  const { token_limit, token_remaining, requests_left } = usage.budget;
  const told = token_limit !== undefined || token_remaining !== undefined || requests_left !== undefined;
  return {
    tokens: usage.tokens ?? 0,
    calls: 1,
    unpriced: usage.tokens === null ? 1 : 0,
    budget: told
      ? {
          limit: token_limit ?? null,
          remaining: token_remaining ?? null,
          requests_left: requests_left ?? null,
          seen_at: usage.at,
        }
      : null,
    spent: usage.daily_limit_reached,
  };
}

/**
 * Usage of the host's connections: each answered request is added to the store (in call order, one write per
 * request, off the call's path: a failed write is logged, the call goes on), and a warning is logged once per
 * company and day when Pipedrive says 80% of its budget is used, and when it is spent.
 */
export class HostUsage {
  /** The writes not done yet, so that a read of this host sees its own calls. */
  private pending: Promise<void> = Promise.resolve();
  /** `<company or connection>|<day>|<state>` warnings logged by this host. */
  private readonly warned = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  /** The `onUsage` of a connection's call context. */
  recorder(connection: Connection): (usage: CallUsage) => void {
    const companyId = connection.user.company_id;
    const scopes = [
      scopeOf.connection(connection.id),
      ...(companyId === undefined ? [] : [scopeOf.company(companyId)]),
    ];
    return (usage) => {
      const day = usage.at.slice(0, 10);
      const delta = deltaOf(usage);
      this.pending = this.pending
        .then(() => this.store.addUsage(scopes, day, delta))
        .catch((error: unknown) => {
          this.logger.error({ err: error, connection_id: connection.id }, 'could not record token usage');
        });
      this.warnIfLow(connection, usage, day);
    };
  }

  private warnIfLow(connection: Connection, usage: CallUsage, day: string): void {
    const warning = budgetWarning(usage);
    if (!warning) return;
    const key = `${connection.user.company_id ?? connection.id}|${day}|${warning.state}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    if (this.warned.size > 10_000) this.warned.delete(this.warned.values().next().value as string);
    this.logger.warn(
      {
        connection_id: connection.id,
        company_id: connection.user.company_id,
        token_limit: usage.budget.token_limit,
        token_remaining: usage.budget.token_remaining,
        used_share: warning.used_share,
      },
      warning.message,
    );
  }

  /** The day's usage of a connection and of its company, as the store has it (this host's writes included). */
  async summary(connection: Connection, now = new Date()): Promise<ConnectionUsage> {
    await this.pending;
    const day = utcDay(now);
    const companyId = connection.user.company_id;
    const [own, company] = await Promise.all([
      this.store.getUsage(scopeOf.connection(connection.id), day),
      companyId === undefined ? undefined : this.store.getUsage(scopeOf.company(companyId), day),
    ]);
    return {
      connection: summaryOf(day, own),
      company: companyId === undefined ? null : { company_id: companyId, ...summaryOf(day, company) },
    };
  }

  /** Wait for the writes under way (shutdown, tests). */
  flushed(): Promise<void> {
    return this.pending;
  }
}

/**
 * Find-or-create and upsert across hosts: the store's lock per key (PostgreSQL: an advisory lock), and the record
 * each key found or created, remembered in the store. Keys name an e-mail address or an external ID: the store
 * sees only their SHA-256.
 */
export function storeCoordinator(store: Store): KeyCoordinator {
  const hashed = (key: string) => createHash('sha256').update(key).digest('hex');
  return {
    withLock: (key, fn) => store.withLock(`record:${hashed(key)}`, fn),
    recall: (key, maxAgeMs) => store.recallRecord(hashed(key), new Date(Date.now() - maxAgeMs)),
    remember: (key, recordId) => store.rememberRecord(hashed(key), recordId, new Date()),
  };
}
