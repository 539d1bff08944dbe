/**
 * What the stores run their shared queries on: each query is written once, with `?` placeholders, and run by a
 * tiny adapter per engine (`Db`): better-sqlite3's prepared statements as they are, PostgreSQL's pool with the
 * placeholders numbered (`$1`, `$2`, ...). Only four verbs: `all`, `get`, `run` and `transaction` (a fixed list of
 * statements in one transaction, so that SQLite can run it synchronously and nothing else lands in between).
 */

export interface Statement {
  sql: string;
  params: readonly unknown[];
}

export interface Db {
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** A write; resolves to the number of rows it changed, once the write is durable. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Writes in one transaction; resolves to the rows each changed, once the transaction is durable. */
  transaction(statements: readonly Statement[]): Promise<number[]>;
  /**
   * `column` is one of a list of values bound as a single parameter (`list(values)`): SQLite reads a JSON array
   * with `json_each`, PostgreSQL takes an array (`= ANY`).
   */
  inList(column: string): string;
  list(values: readonly (string | number)[]): unknown;
}

const numbered = new Map<string, string>();

/**
 * `?` placeholders as PostgreSQL's `$1, $2, ...` (memoized: a store has a few dozen statements). A `?` inside a
 * quoted literal or identifier stays as it is.
 */
export function toPostgres(sql: string): string {
  let converted = numbered.get(sql);
  if (converted === undefined) {
    let n = 0;
    converted = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (match) =>
      match === '?' ? `$${++n}` : match,
    );
    numbered.set(sql, converted);
  }
  return converted;
}

/** A page of rows fetched with `limit + 1`: the extra row only says that there is a next page. */
export function page<R, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
  cursor: (row: R) => string,
): { items: T[]; next_cursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(map),
    next_cursor: rows.length > limit && last !== undefined ? cursor(last) : null,
  };
}

/** `INSERT INTO table (keys...) VALUES (?...)` of a row object (our own row types: the keys are column names). */
export function insert(table: string, row: object): Statement {
  const columns = Object.keys(row);
  return {
    sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    params: Object.values(row),
  };
}

/** Write a row object (see `insert`). */
export async function insertRow(db: Db, table: string, row: object): Promise<void> {
  const { sql, params } = insert(table, row);
  await db.run(sql, params);
}
