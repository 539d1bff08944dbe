/** The host's state. Implemented by the embedded SQLite store and by PostgreSQL; secrets are sealed at rest. */

export interface PipedriveUser {
  id: number;
  name?: string;
  email?: string;
  company_id?: number;
  company_name?: string;
  company_domain?: string;
}

export interface ApiTokenSecret {
  api_token: string;
}

export interface OAuthSecret {
  access_token: string;
  refresh_token?: string;
  /** Epoch milliseconds. */
  expires_at?: number;
  scope?: string;
}

export type ConnectionSecret = ApiTokenSecret | OAuthSecret;

export interface Connection {
  id: string;
  type: 'api_token' | 'oauth2';
  user: PipedriveUser;
  /** API base: PIPEDRIVE_API_URL (or the connection's own) for tokens, `api_domain` for OAuth. */
  api_url: string;
  /** `active`, or `reauthorization_required` after Pipedrive refused the refresh token. */
  status: 'active' | 'reauthorization_required';
  created_at: string;
  updated_at: string;
}

export interface ConnectionWithSecret extends Connection {
  secret: ConnectionSecret;
}

export interface NewConnection {
  type: Connection['type'];
  user: PipedriveUser;
  api_url: string;
  secret: ConnectionSecret;
}

export interface Store {
  createConnection(connection: NewConnection): Promise<Connection>;
  getConnection(id: string): Promise<ConnectionWithSecret | undefined>;
  listConnections(): Promise<Connection[]>;
  deleteConnection(id: string): Promise<boolean>;
  close(): Promise<void>;
}
