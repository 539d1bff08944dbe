import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SecretBox } from '../secrets.js';
import type { Connection, ConnectionWithSecret, NewConnection, Store } from './types.js';

const MIGRATIONS = [
  `CREATE TABLE IF NOT EXISTS connections (
     id TEXT PRIMARY KEY,
     type TEXT NOT NULL,
     user_json TEXT NOT NULL,
     api_url TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'active',
     secret TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   )`,
];

interface ConnectionRow {
  id: string;
  type: Connection['type'];
  user_json: string;
  api_url: string;
  status: Connection['status'];
  secret: string;
  created_at: string;
  updated_at: string;
}

/** The embedded store: one SQLite file (WAL mode), secrets sealed with the SecretBox. */
export class SqliteStore implements Store {
  readonly db: Database.Database;

  constructor(
    readonly file: string,
    private readonly box: SecretBox,
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = this.db.prepare('SELECT version FROM schema_version').get() as
      | { version: number }
      | undefined;
    const current = row?.version ?? 0;
    const migrate = this.db.transaction(() => {
      for (const sql of MIGRATIONS.slice(current)) this.db.exec(sql);
      this.db.exec('DELETE FROM schema_version');
      this.db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(MIGRATIONS.length);
    });
    migrate();
  }

  private toConnection(row: ConnectionRow): Connection {
    return {
      id: row.id,
      type: row.type,
      user: JSON.parse(row.user_json),
      api_url: row.api_url,
      status: row.status,
      created_at: row.created_at,
      updated_at: row.updated_at,
    };
  }

  async createConnection(connection: NewConnection): Promise<Connection> {
    const now = new Date().toISOString();
    const row: ConnectionRow = {
      id: randomUUID(),
      type: connection.type,
      user_json: JSON.stringify(connection.user),
      api_url: connection.api_url,
      status: 'active',
      secret: this.box.seal(JSON.stringify(connection.secret)),
      created_at: now,
      updated_at: now,
    };
    this.db
      .prepare(
        `INSERT INTO connections (id, type, user_json, api_url, status, secret, created_at, updated_at)
         VALUES (@id, @type, @user_json, @api_url, @status, @secret, @created_at, @updated_at)`,
      )
      .run(row);
    return this.toConnection(row);
  }

  async getConnection(id: string): Promise<ConnectionWithSecret | undefined> {
    const row = this.db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as
      | ConnectionRow
      | undefined;
    if (!row) return undefined;
    return { ...this.toConnection(row), secret: JSON.parse(this.box.open(row.secret)) };
  }

  async listConnections(): Promise<Connection[]> {
    const rows = this.db.prepare('SELECT * FROM connections ORDER BY created_at').all() as ConnectionRow[];
    return rows.map((row) => this.toConnection(row));
  }

  async deleteConnection(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM connections WHERE id = ?').run(id).changes > 0;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
