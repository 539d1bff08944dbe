/** The answer of a call: the JSON output, or the error with its code, message and details. */
import { type ApiErrorBody, DownloadedFile, describeError } from './api.js';

export type Outcome =
  | { state: 'pending' }
  | { state: 'ok'; ms: number; body: unknown }
  | { state: 'error'; ms: number; error: ApiErrorBody & { status?: number } };

export function Json({ value }: { value: unknown }) {
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

export function ErrorView({ error }: { error: ApiErrorBody & { status?: number } }) {
  const issues = (error.details as { issues?: { path?: unknown; message?: string }[] } | undefined)?.issues;
  const hasDetails =
    error.details !== undefined &&
    !(typeof error.details === 'object' && error.details && Object.keys(error.details).length === 0);
  return (
    <div className="error-box" role="alert">
      <div className="error-head">
        {error.status ? <span className="badge badge-error">HTTP {error.status}</span> : null}
        <code className="error-code">{error.code}</code>
      </div>
      <p className="error-message">{error.message}</p>
      {Array.isArray(issues) && issues.length > 0 ? (
        <ul className="issues">
          {issues.map((issue) => (
            <li key={`${String(issue.path)}:${issue.message}`}>
              <code>{Array.isArray(issue.path) ? issue.path.join('.') : String(issue.path ?? '')}</code>{' '}
              {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
      {hasDetails ? (
        <details>
          <summary>details</summary>
          <Json value={error.details} />
        </details>
      ) : null}
    </div>
  );
}

export function OutcomeView({ outcome, idle }: { outcome?: Outcome; idle: string }) {
  if (!outcome) return <p className="muted">{idle}</p>;
  if (outcome.state === 'pending') return <p className="muted">Running…</p>;
  if (outcome.state === 'error') {
    return (
      <div className="outcome" data-outcome="error">
        <p className="muted">{outcome.ms} ms</p>
        <ErrorView error={outcome.error} />
      </div>
    );
  }
  return (
    <div className="outcome" data-outcome="ok">
      <p className="muted">
        <span className="badge badge-ok">OK</span> {outcome.ms} ms
      </p>
      {outcome.body instanceof DownloadedFile ? (
        <>
          <a className="btn" href={outcome.body.url} download={outcome.body.name} data-download>
            Download {outcome.body.name}
          </a>
          <Json value={{ name: outcome.body.name, type: outcome.body.type, size: outcome.body.size }} />
        </>
      ) : (
        <Json value={outcome.body} />
      )}
    </div>
  );
}

/** Run a call and time it: its outcome as the page shows it. */
export async function timed(call: () => Promise<unknown>): Promise<Exclude<Outcome, { state: 'pending' }>> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const body = await call();
    return { state: 'ok', ms: ms(), body };
  } catch (failure) {
    return { state: 'error', ms: ms(), error: describeError(failure) };
  }
}
