/** Picking a connection (`GET /connections`) or creating one with an API token (`POST /connections`). */
import { type FormEvent, useState } from 'react';
import { api, type Connection, describeError } from './api.js';
import { ErrorView } from './result.js';
import { SecretInput } from './secret-input.js';

export function connectionLabel(connection: Connection): string {
  const user = connection.user;
  const who = [user?.name ?? user?.email, user?.company_name].filter(Boolean).join(' · ');
  return `${who || connection.id} (${connection.type === 'oauth2' ? 'OAuth' : 'API token'})`;
}

export function ConnectionBar(props: {
  connections: Connection[];
  selected?: string;
  onSelect(id: string | undefined): void;
  onCreated(connection: Connection): void;
}) {
  const [adding, setAdding] = useState(props.connections.length === 0);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReturnType<typeof describeError>>();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const connection = await api<Connection>('POST', '/connections', {
        type: 'api_token',
        api_token: token,
      });
      setToken('');
      setAdding(false);
      props.onCreated(connection);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="connection-bar">
      <label htmlFor="connection">Connection</label>
      <select
        id="connection"
        value={props.selected ?? ''}
        onChange={(event) => props.onSelect(event.target.value || undefined)}
      >
        <option value="">— none —</option>
        {props.connections.map((connection) => (
          <option key={connection.id} value={connection.id}>
            {connectionLabel(connection)}
            {connection.status === 'reauthorization_required' ? ' — reauthorize' : ''}
          </option>
        ))}
      </select>
      {/* With no connection yet there is nothing to go back to: no Cancel beside the token box. */}
      {adding && props.connections.length === 0 ? null : (
        <button type="button" className="btn" onClick={() => setAdding(!adding)} aria-expanded={adding}>
          {adding ? 'Cancel' : 'New connection'}
        </button>
      )}
      {adding ? (
        <form className="new-connection" onSubmit={(event) => void create(event)}>
          <SecretInput
            id="api-token"
            label="API token"
            value={token}
            placeholder="Pipedrive personal API token"
            onChange={setToken}
          />
          <button type="submit" className="btn btn-primary" disabled={busy || token.trim() === ''}>
            {busy ? 'Checking…' : 'Connect'}
          </button>
        </form>
      ) : null}
      {error ? <ErrorView error={error} /> : null}
    </div>
  );
}
