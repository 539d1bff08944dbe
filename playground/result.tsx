/** The answer of a call: the output (a table for a list of records, and JSON; a download link for a file), or the error in words. */
import { useState } from 'react';
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

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The records of a list's answer (`{output: {data: [...]}}`), when it is one. */
export function recordsOf(body: unknown): Record<string, unknown>[] | undefined {
  const data = isRecord(body) && isRecord(body.output) ? body.output.data : undefined;
  return Array.isArray(data) && data.length > 0 && data.every(isRecord) ? data : undefined;
}

/** The cursor of the next page, when a list's answer says more records remain (`additional_data.has_more`). */
export function nextCursorOf(body: unknown): string | undefined {
  const output = isRecord(body) && isRecord(body.output) ? body.output : undefined;
  const more = output && isRecord(output.additional_data) ? output.additional_data : undefined;
  if (more?.has_more !== true) return undefined;
  // Offset-paged lists (API v1) name their next page in `additional_data.pagination` instead.
  return typeof more.next_cursor === 'string' ? more.next_cursor : '';
}

/** A cell: scalars as text, anything else as short JSON (the whole value is in the JSON view). */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** The records as rows, one column per field any of them has (in the order first seen). */
export function RecordTable({ rows }: { rows: Record<string, unknown>[] }) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return (
    <div className="table-wrap">
      <table className="records">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={String(row.id ?? index)}>
              {columns.map((column) => (
                <td
                  key={column}
                  title={typeof row[column] === 'object' ? JSON.stringify(row[column]) : undefined}
                >
                  {cell(row[column])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Copies the value as JSON; says whether it worked (the clipboard needs a secure page: https or localhost). */
function CopyButton({ value }: { value: unknown }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () =>
    navigator.clipboard.writeText(JSON.stringify(value, null, 2)).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  return (
    <button type="button" className="btn btn-small" onClick={() => void copy()}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy JSON'}
    </button>
  );
}

/** A successful answer: a table of its records when it is a list (with the JSON a click away), and copy. */
function OkBody({ body }: { body: unknown }) {
  const rows = recordsOf(body);
  const next = nextCursorOf(body);
  const [view, setView] = useState<'table' | 'json'>('table');
  const shown = rows && view === 'table' ? 'table' : 'json';
  return (
    <>
      <div className="output-tools">
        {rows
          ? (['table', 'json'] as const).map((name) => (
              <button
                key={name}
                type="button"
                className={`btn btn-small${shown === name ? ' active' : ''}`}
                aria-pressed={shown === name}
                onClick={() => setView(name)}
              >
                {name === 'table' ? `Table (${rows.length})` : 'JSON'}
              </button>
            ))
          : null}
        <CopyButton value={body} />
      </div>
      {rows && shown === 'table' ? <RecordTable rows={rows} /> : <Json value={body} />}
      {rows && next !== undefined ? (
        // The first page alone looks like the whole list: say that it is not, and how to get the rest.
        <p className="muted" data-more="true">
          More records remain: run again{' '}
          {next ? (
            <>
              with Cursor set to <code>{next}</code> for the next page, or
            </>
          ) : null}{' '}
          with Return all for every page.
        </p>
      ) : null}
    </>
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
          <OkBody body={{ name: outcome.body.name, type: outcome.body.type, size: outcome.body.size }} />
        </>
      ) : (
        <OkBody body={outcome.body} />
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
