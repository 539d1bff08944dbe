/** The playground page: a connection, then operations or triggers, all through the host's HTTP API. */
import { useCallback, useEffect, useState } from 'react';
import { api, type Connection, describeError, type Manifest } from './api.js';
import { ConnectionBar } from './connections.js';
import { OperationsPanel } from './operations.js';
import { ErrorView } from './result.js';
import { TriggersPanel } from './triggers.js';

type Tab = 'operations' | 'triggers';
const CONNECTION_KEY = 'pipedrive-playground.connection';

/** `#/operations/add_deal`, `#/triggers/deal_won`: what is open, so that a link or a reload shows it again. */
function readHash(): { tab: Tab; name?: string } {
  const [, tab, name] = window.location.hash.split('/');
  return {
    tab: tab === 'triggers' ? 'triggers' : 'operations',
    name: name ? decodeURIComponent(name) : undefined,
  };
}

function storedConnection(): string | undefined {
  try {
    return window.localStorage.getItem(CONNECTION_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function App() {
  const [manifest, setManifest] = useState<Manifest>();
  const [connections, setConnections] = useState<Connection[]>([]);
  const [connectionId, setConnectionId] = useState<string | undefined>(storedConnection);
  const [failure, setFailure] = useState<ReturnType<typeof describeError>>();
  const initial = readHash();
  const [tab, setTab] = useState<Tab>(initial.tab);
  const [operation, setOperation] = useState(initial.tab === 'operations' ? (initial.name ?? '') : '');
  const [trigger, setTrigger] = useState(initial.tab === 'triggers' ? (initial.name ?? '') : '');

  useEffect(() => {
    Promise.all([
      api<Manifest>('GET', '/manifest'),
      api<{ connections: Connection[] }>('GET', '/connections'),
    ]).then(
      ([loaded, list]) => {
        setManifest(loaded);
        setConnections(list.connections);
        setConnectionId((id) => (list.connections.some((c) => c.id === id) ? id : list.connections[0]?.id));
      },
      (error: unknown) => setFailure(describeError(error)),
    );
  }, []);

  useEffect(() => {
    const name = tab === 'operations' ? operation : trigger;
    const hash = `#/${tab}${name ? `/${encodeURIComponent(name)}` : ''}`;
    if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
  }, [tab, operation, trigger]);

  const selectConnection = useCallback((id: string | undefined) => {
    setConnectionId(id);
    try {
      if (id) window.localStorage.setItem(CONNECTION_KEY, id);
      else window.localStorage.removeItem(CONNECTION_KEY);
    } catch {
      // storage unavailable: the choice lasts until the page is closed
    }
  }, []);

  if (failure) return <ErrorView error={failure} />;
  if (!manifest) return <p className="muted loading">Loading the manifest…</p>;
  return (
    <div className="app">
      <header className="top">
        <h1>
          {manifest.title} connector <span className="muted">{manifest.version} · playground</span>
        </h1>
        <ConnectionBar
          connections={connections}
          selected={connectionId}
          onSelect={selectConnection}
          onCreated={(connection) => {
            setConnections((list) => [...list, connection]);
            selectConnection(connection.id);
          }}
        />
      </header>
      <nav className="tabs" aria-label="Sections">
        {(['operations', 'triggers'] as const).map((name) => (
          <button
            key={name}
            type="button"
            className={`tab${tab === name ? ' active' : ''}`}
            aria-pressed={tab === name}
            onClick={() => setTab(name)}
          >
            {name === 'operations'
              ? `Operations (${manifest.operations.length})`
              : `Triggers (${manifest.triggers.length})`}
          </button>
        ))}
      </nav>
      <main>
        {tab === 'operations' ? (
          <OperationsPanel
            operations={manifest.operations}
            selected={operation}
            onSelect={setOperation}
            connectionId={connectionId}
          />
        ) : (
          <TriggersPanel
            triggers={manifest.triggers}
            selected={trigger}
            onSelect={setTrigger}
            connectionId={connectionId}
          />
        )}
      </main>
    </div>
  );
}
