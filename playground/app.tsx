/** The playground page: a connection, then operations or triggers, all through the host's HTTP API. */
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import {
  api,
  type Connection,
  describeError,
  keyOfCode,
  type Manifest,
  signIn,
  takeCodeFromLink,
} from './api.js';
import { ConnectionBar } from './connections.js';
import { OperationsPanel } from './operations.js';
import { ErrorView } from './result.js';
import { SecretInput } from './secret-input.js';
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

type Refusal = 'key' | 'link' | undefined;

/** The sign-in form: an API key of the host (the first `npm start` prints a one-time sign-in link). */
function SignIn({ onKey, refused }: { onKey: (key: string) => void; refused: Refusal }) {
  const [key, setKey] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (key.trim()) onKey(key.trim());
  };
  return (
    <form className="sign-in" onSubmit={submit}>
      <h1>Pipedrive connector · playground</h1>
      <p>
        Sign in with an API key of this host: the one the first <code>npm start</code> printed, or a key from{' '}
        <code>npx pipedrive-connector keys create --workspace default</code>. The key stays in this page's
        memory only.
      </p>
      {refused === 'key' ? (
        <p className="error" role="alert">
          That key was refused (malformed, unknown or revoked).
        </p>
      ) : null}
      {refused === 'link' ? (
        <p className="error" role="alert">
          That sign-in link was used already or has expired: sign in with the API key itself.
        </p>
      ) : null}
      <SecretInput id="api-key" label="API key" value={key} placeholder="pdk_…" onChange={setKey} />
      <button type="submit">Sign in</button>
    </form>
  );
}

export function App() {
  const [key, setKey] = useState<string | undefined>();
  const [refused, setRefused] = useState<Refusal>();
  // A sign-in link's code, at load or opened in a tab that shows the page already (only the fragment changes).
  useEffect(() => {
    const onHash = () => {
      const code = takeCodeFromLink();
      if (!code) return;
      keyOfCode(code).then((linked) => {
        setRefused(linked ? undefined : 'link');
        if (linked) setKey(linked);
      });
    };
    onHash();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  if (!key) {
    return (
      <SignIn
        refused={refused}
        onKey={(value) => {
          setRefused(undefined);
          setKey(value);
        }}
      />
    );
  }
  return (
    <Workspace
      key={key}
      apiKey={key}
      onSignOut={(wasRefused) => {
        setRefused(wasRefused ? 'key' : undefined);
        setKey(undefined);
      }}
    />
  );
}

function Workspace({ apiKey, onSignOut }: { apiKey: string; onSignOut: (refused: boolean) => void }) {
  signIn(apiKey, () => onSignOut(true));
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

  // A link to another entry opened in this tab (or typed in the address bar) changes only the fragment.
  useEffect(() => {
    const follow = () => {
      const linked = readHash();
      setTab(linked.tab);
      if (linked.name === undefined) return;
      if (linked.tab === 'operations') setOperation(linked.name);
      else setTrigger(linked.name);
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
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
  // The webhook presets first, then the triggers that only poll (their manifest entries name no mode).
  const triggers = [
    ...manifest.triggers,
    ...(manifest.polling_triggers ?? []).map((entry) => ({ ...entry, modes: ['polling'] })),
  ];
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
            // The same token again is the connection it made before (200), not a second one.
            setConnections((list) =>
              list.some((c) => c.id === connection.id) ? list : [...list, connection],
            );
            selectConnection(connection.id);
          }}
        />
        <button
          type="button"
          className="sign-out"
          onClick={() => {
            signIn(undefined);
            onSignOut(false);
          }}
        >
          Sign out
        </button>
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
              : `Triggers (${triggers.length})`}
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
            triggers={triggers}
            selected={trigger}
            onSelect={setTrigger}
            connectionId={connectionId}
          />
        )}
      </main>
    </div>
  );
}
