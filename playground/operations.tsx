/** Operations: pick one from the manifest, fill its form, run it (`POST /operations/:name`), see the output. */
import { useEffect, useMemo, useState } from 'react';
import { api, describeError, type OperationEntry } from './api.js';
import { EntryHead } from './entry-head.js';
import { Picker } from './picker.js';
import { Json, OutcomeView } from './result.js';
import { type JsonSchema, toFormData } from './schema.js';
import { type FormData, SchemaForm, useFormCall } from './schema-form.js';

/**
 * The operation's input schema: with a connection, `GET /operations/:name/schema?connection_id=` (the account's
 * custom fields typed in `custom_fields`, or a note on why not); without one, or when that fails, the manifest's.
 */
function useInputSchema(operation: OperationEntry, connectionId?: string) {
  const [state, setState] = useState<{ schema?: JsonSchema; note?: string }>({});
  useEffect(() => {
    if (!connectionId) {
      setState({ schema: operation.input_schema });
      return;
    }
    const controller = new AbortController();
    setState({});
    const path = `/operations/${encodeURIComponent(operation.name)}/schema?connection_id=${encodeURIComponent(connectionId)}`;
    api<{ input_schema: JsonSchema; warnings?: string[] }>('GET', path, undefined, controller.signal).then(
      // `warnings`: the account's fields could not be read, and the schema is the manifest's.
      (answer) => setState({ schema: answer.input_schema, note: answer.warnings?.join(' ') }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const { message } = describeError(error);
        setState({
          schema: operation.input_schema,
          note: `The account's custom fields could not be read: ${message}`,
        });
      },
    );
    return () => controller.abort();
  }, [operation, connectionId]);
  return state;
}

function OperationForm({ operation, connectionId }: { operation: OperationEntry; connectionId?: string }) {
  const { schema, note } = useInputSchema(operation, connectionId);
  const { form, setFormData, outcome, send } = useFormCall();
  const [sent, setSent] = useState<FormData>();

  const run = async (input: FormData) => {
    if (!connectionId) return;
    setSent(input);
    await send(() =>
      api('POST', `/operations/${encodeURIComponent(operation.name)}`, {
        connection_id: connectionId,
        input,
      }),
    );
  };

  return (
    <div className="columns" data-entry={operation.name} data-ready={schema ? 'true' : 'false'}>
      <section className="pane">
        <EntryHead
          title={operation.title}
          name={operation.name}
          call={operation.method && operation.path ? `${operation.method} ${operation.path}` : undefined}
          description={operation.description}
        />
        {note ? <p className="note">{note}</p> : null}
        {schema ? (
          <SchemaForm
            id="op"
            schema={schema}
            connectionId={connectionId}
            {...form}
            submitLabel="Run"
            onSubmit={(input) => void run(input)}
          >
            {operation.sample ? (
              <button
                type="button"
                className="btn"
                onClick={() => setFormData(toFormData(operation.sample ?? {}) as FormData)}
              >
                Fill with example
              </button>
            ) : null}
            <button type="button" className="btn" onClick={() => setFormData({})}>
              Clear
            </button>
          </SchemaForm>
        ) : (
          <p className="muted">Loading the form…</p>
        )}
      </section>
      <section className="pane output">
        <h3>Request</h3>
        {sent ? (
          <>
            <code className="entry-call">POST /operations/{operation.name}</code>
            <Json value={{ connection_id: connectionId, input: sent }} />
          </>
        ) : (
          <p className="muted">Nothing sent yet.</p>
        )}
        <h3>Output</h3>
        <OutcomeView outcome={outcome} idle="Run the operation to see its output here." />
      </section>
    </div>
  );
}

export function OperationsPanel(props: {
  operations: OperationEntry[];
  selected: string;
  onSelect(name: string): void;
  connectionId?: string;
}) {
  const operation = props.operations.find((op) => op.name === props.selected) ?? props.operations[0];
  const entries = useMemo(
    () =>
      props.operations.map((op) => ({
        name: op.name,
        title: op.title,
        group: (op.resource ?? 'other').replace(/_/g, ' '),
      })),
    [props.operations],
  );
  return (
    <div>
      <Picker
        id="pick-operation"
        label="Operation"
        entries={entries}
        value={operation?.name}
        onSelect={props.onSelect}
      />
      {operation ? (
        <OperationForm key={operation.name} operation={operation} connectionId={props.connectionId} />
      ) : null}
    </div>
  );
}
