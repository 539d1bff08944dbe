/**
 * Triggers: pick one from the manifest, fill its form, subscribe (`POST /subscriptions`), and watch the runs of a
 * subscription arrive (`GET /runs?subscription_id=`, polled); unsubscribe with `DELETE /subscriptions/:id`.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, describeError, type Run, type Subscription, type TriggerEntry } from './api.js';
import { EntryHead } from './entry-head.js';
import { Picker } from './picker.js';
import { ErrorView, Json, OutcomeView, timed } from './result.js';
import { type FormData, SchemaForm, useFormCall } from './schema-form.js';

/**
 * The runs are polled every 1.5 s at first; each answer that changes nothing doubles the wait, up to 30 s, and a
 * change (or the page coming back into view) starts again at 1.5 s. Each poll is a request line in the host's log.
 */
const POLL_MS = 1500;
const POLL_MAX_MS = 30_000;

function TriggerForm(props: {
  trigger: TriggerEntry;
  connectionId?: string;
  onSubscribed(subscription: Subscription): void;
}) {
  const { trigger, connectionId } = props;
  const { form, outcome, send } = useFormCall();
  const event =
    trigger.event_action && trigger.event_object
      ? `${trigger.event_action}.${trigger.event_object}`
      : undefined;

  // Webhook (Pipedrive calls the host) or polling (the host asks Pipedrive every interval), where both exist;
  // a trigger that only polls (a deal newly matching a saved filter) has no choice to make.
  const pollable = trigger.modes?.includes('polling') ?? false;
  const pollingOnly = pollable && !trigger.modes?.includes('webhook') && !event;
  const [chosen, setMode] = useState<'webhook' | 'polling'>('webhook');
  const mode = pollingOnly ? 'polling' : chosen;
  const [interval, setIntervalSeconds] = useState('300');
  const [warnings, setWarnings] = useState<string[]>([]);

  const subscribe = async (input: FormData) => {
    if (!connectionId) return;
    const polling = pollable && mode === 'polling';
    const result = await send(() =>
      api<Subscription>('POST', '/subscriptions', {
        connection_id: connectionId,
        trigger: trigger.name,
        input,
        ...(polling ? { mode: 'polling', interval: Number(interval) } : {}),
      }),
    );
    if (result.state === 'ok') {
      const subscribed = result.body as Subscription;
      setWarnings(subscribed.warnings ?? []);
      props.onSubscribed(subscribed);
    }
  };

  return (
    <section className="pane" data-entry={trigger.name} data-ready="true">
      <EntryHead
        title={trigger.title}
        name={trigger.name}
        call={event ? `Pipedrive webhook ${event}` : undefined}
        description={trigger.description}
      />
      {pollable ? (
        <div className="form-group field subscribe-mode">
          {pollingOnly ? (
            <div className="field-description" data-mode="polling-only">
              Polling only: the host asks Pipedrive every interval and needs no public address.
            </div>
          ) : (
            <>
              <label className="control-label" htmlFor="trigger-mode">
                Mode
              </label>
              <div className="field-description">
                A webhook needs Pipedrive to reach this host (PUBLIC_URL); polling asks Pipedrive every
                interval and needs no public address.
              </div>
              <select
                id="trigger-mode"
                value={mode}
                onChange={(event) => setMode(event.target.value as 'webhook' | 'polling')}
              >
                <option value="webhook">Webhook</option>
                <option value="polling">Polling</option>
              </select>
            </>
          )}
          {mode === 'polling' ? (
            <>
              <label className="control-label" htmlFor="trigger-interval">
                Interval (seconds)
              </label>
              <input
                id="trigger-interval"
                type="number"
                min={1}
                step={1}
                value={interval}
                onChange={(event) => setIntervalSeconds(event.target.value)}
              />
            </>
          ) : null}
        </div>
      ) : null}
      <SchemaForm
        id="trigger"
        schema={trigger.input_schema}
        connectionId={connectionId}
        {...form}
        submitLabel="Subscribe"
        onSubmit={(input) => void subscribe(input)}
      />
      {warnings.map((warning) => (
        <p key={warning} className="text-warning" data-warning="subscription">
          Subscribed, but: {warning}
        </p>
      ))}
      {outcome?.state === 'error' || outcome?.state === 'pending' ? (
        <OutcomeView outcome={outcome} idle="" />
      ) : null}
    </section>
  );
}

function Runs({ subscription }: { subscription: Subscription }) {
  const [runs, setRuns] = useState<Run[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wait = POLL_MS;
    let seen: string | undefined;
    const poll = async () => {
      try {
        const page = await api<{ runs: Run[] }>(
          'GET',
          `/runs?subscription_id=${encodeURIComponent(subscription.id)}&limit=1000`,
        );
        const now = page.runs.map((run) => `${run.id}:${run.status}`).join();
        wait = now === seen ? Math.min(wait * 2, POLL_MAX_MS) : POLL_MS;
        seen = now;
        if (!stopped) {
          setRuns([...page.runs].reverse());
          setError(undefined);
        }
      } catch (failure) {
        if (!stopped) setError(describeError(failure).message);
      }
      if (!stopped && !document.hidden) timer = setTimeout(() => void poll(), wait);
    };
    // Nothing is polled while the page is hidden; back in view, at once.
    const visible = () => {
      if (document.hidden || stopped) return;
      clearTimeout(timer);
      wait = POLL_MS;
      void poll();
    };
    document.addEventListener('visibilitychange', visible);
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', visible);
    };
  }, [subscription.id]);

  return (
    <div className="runs" data-subscription={subscription.id}>
      <h3>
        Runs of <code>{subscription.trigger}</code> <span className="badge">{runs.length}</span>
      </h3>
      <p className="muted">
        {subscription.mode === 'polling' ? (
          <>The host asks Pipedrive every {subscription.interval_seconds} s</>
        ) : (
          <>
            Pipedrive posts to <code>{subscription.callback_url}</code>
          </>
        )}
        ; new runs appear here within seconds while they arrive, within 30 s after a quiet spell.
      </p>
      {error ? <p className="text-danger">{error}</p> : null}
      {runs.length === 0 ? <p className="muted">No runs yet.</p> : null}
      {runs.some((run) => run.status === 'pending') ? (
        <p className="text-warning" data-explains="pending">
          <strong>pending</strong>: the event arrived and is stored, but nothing has taken it yet. This host
          hands runs to an engine at <code>ENGINE_URL</code>, or to a listener when an engine embeds it; with
          neither, runs wait here. Set <code>ENGINE_URL</code> and restart the host: pending runs are then
          delivered. Meanwhile engines can read them with <code>GET /runs</code>, and each one's event is
          shown below.
        </p>
      ) : null}
      <ul className="run-list">
        {runs.map((run) => (
          <li key={run.id} className="run">
            <details>
              <summary>
                <span className={`badge badge-${run.status}`}>{run.status}</span> <code>{run.event_id}</code>{' '}
                <span className="muted">{new Date(run.received_at).toLocaleString()}</span>
              </summary>
              <Json value={run.event} />
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Subscriptions(props: {
  connectionId: string;
  refresh: number;
  watched?: string;
  onWatch(id?: string): void;
}) {
  const { connectionId, refresh, watched, onWatch } = props;
  const [subscriptions, setSubscriptions] = useState<Subscription[]>([]);
  const [error, setError] = useState<ReturnType<typeof describeError>>();
  const [reload, setReload] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh and reload only ask for a new read.
  useEffect(() => {
    const controller = new AbortController();
    api<{ subscriptions: Subscription[] }>(
      'GET',
      `/subscriptions?connection_id=${encodeURIComponent(connectionId)}`,
      undefined,
      controller.signal,
    ).then(
      (answer) => setSubscriptions(answer.subscriptions.filter((s) => s.status !== 'deleted')),
      (failure: unknown) => {
        if (!controller.signal.aborted) setError(describeError(failure));
      },
    );
    return () => controller.abort();
  }, [connectionId, refresh, reload]);

  const unsubscribe = useCallback(
    async (id: string) => {
      const result = await timed(() => api('DELETE', `/subscriptions/${encodeURIComponent(id)}`));
      if (result.state === 'error') setError(result.error);
      else setError(undefined);
      if (watched === id) onWatch(undefined);
      setReload((n) => n + 1);
    },
    [watched, onWatch],
  );

  const current = subscriptions.find((s) => s.id === watched);
  return (
    <section className="pane output">
      <h3>Subscriptions of this connection</h3>
      {error ? <ErrorView error={error} /> : null}
      {subscriptions.length === 0 ? <p className="muted">None yet: subscribe to a trigger.</p> : null}
      <ul className="subscriptions">
        {subscriptions.map((subscription) => (
          <li key={subscription.id} className={subscription.id === watched ? 'watched' : undefined}>
            <div>
              <code>{subscription.trigger}</code>{' '}
              <span className={`badge badge-${subscription.status}`}>{subscription.status}</span>
              <div className="muted small">
                {subscription.id} ·{' '}
                {subscription.mode === 'polling'
                  ? `polling every ${subscription.interval_seconds} s`
                  : `webhook ${subscription.webhook_id ?? '—'}`}
              </div>
            </div>
            <div className="row-actions">
              <button
                type="button"
                className="btn"
                onClick={() => onWatch(subscription.id)}
                disabled={subscription.id === watched}
              >
                Watch runs
              </button>
              <button
                type="button"
                className="btn btn-danger"
                onClick={() => void unsubscribe(subscription.id)}
              >
                Unsubscribe
              </button>
            </div>
          </li>
        ))}
      </ul>
      {current ? <Runs subscription={current} /> : null}
    </section>
  );
}

export function TriggersPanel(props: {
  triggers: TriggerEntry[];
  selected: string;
  onSelect(name: string): void;
  connectionId?: string;
}) {
  const trigger = props.triggers.find((t) => t.name === props.selected) ?? props.triggers[0];
  const [refresh, setRefresh] = useState(0);
  const [watched, setWatched] = useState<string>();
  // Grouped by the object they listen to; the generic trigger (any object) first, as in the manifest.
  const entries = useMemo(
    () =>
      props.triggers.map((t) => ({
        name: t.name,
        title: t.title,
        group: t.event_object ? t.event_object.replace(/_/g, ' ') : 'any object',
      })),
    [props.triggers],
  );
  return (
    <div>
      <Picker
        id="pick-trigger"
        label="Trigger"
        entries={entries}
        value={trigger?.name}
        onSelect={props.onSelect}
      />
      <div className="columns">
        {trigger ? (
          <TriggerForm
            key={trigger.name}
            trigger={trigger}
            connectionId={props.connectionId}
            onSubscribed={(subscription) => {
              setRefresh((n) => n + 1);
              setWatched(subscription.id);
            }}
          />
        ) : null}
        {props.connectionId ? (
          <Subscriptions
            connectionId={props.connectionId}
            refresh={refresh}
            watched={watched}
            onWatch={setWatched}
          />
        ) : (
          <section className="pane output">
            <p className="muted">Pick or create a connection to see its subscriptions.</p>
          </section>
        )}
      </div>
    </div>
  );
}
