/**
 * The widget of an `x-lookup` field: a text box that searches `POST /lookups/:name` as you type, lists the
 * options (with "Load more" while the lookup answers a `next_cursor`), and still takes a typed value (an ID,
 * a code, an expression). Values of the fields named in `dependsOn` are read from the form and sent along.
 */
import type { WidgetProps } from '@rjsf/utils';
import { type FocusEvent, type KeyboardEvent, useContext, useEffect, useRef, useState } from 'react';
import { api, describeError, type LookupOption } from './api.js';
import { FormEnv } from './form-env.js';
import type { LookupRef } from './schema.js';

const PAGE_SIZE = 20;
const DEBOUNCE_MS = 200;

interface Page {
  options: LookupOption[];
  next: string | null;
  loading: boolean;
  error?: string;
}

/** What a typed text means for the field: a number for numeric fields when it is one, else the text. */
function typedValue(text: string, schema: WidgetProps['schema']): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const numeric = types.includes('integer') || types.includes('number');
  return numeric && /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : text;
}

async function fetchPage(
  lookup: string,
  connectionId: string,
  input: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<{ options: LookupOption[]; next_cursor: string | null }> {
  return api(
    'POST',
    `/lookups/${encodeURIComponent(lookup)}`,
    { connection_id: connectionId, input },
    signal,
  );
}

export function LookupWidget(props: WidgetProps) {
  const { id, value, onChange, onBlur, onFocus, schema, disabled, readonly, required, placeholder } = props;
  const { lookup, dependsOn = [] } = props.options as unknown as LookupRef;
  const env = useContext(FormEnv);
  const [text, setText] = useState(value === undefined || value === null ? '' : String(value));
  const [chosen, setChosen] = useState<LookupOption | undefined>();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(-1);
  const [page, setPage] = useState<Page>({ options: [], next: null, loading: false });

  const dependencies: Record<string, unknown> = {};
  for (const name of dependsOn) {
    const dependency = env.formData?.[name];
    if (dependency !== undefined && dependency !== null && dependency !== '') dependencies[name] = dependency;
  }
  const dependencyKey = JSON.stringify(dependencies);
  const connectionId = env.connectionId;

  // The last value this widget gave the form: any other value was set from outside (an example, a reset)
  // and is shown as it is.
  const emitted = useRef<unknown>(value);
  const emit = (next: unknown) => {
    emitted.current = next;
    onChange(next);
  };
  useEffect(() => {
    if (Object.is(value, emitted.current)) return;
    emitted.current = value;
    setChosen(undefined);
    setText(value === undefined || value === null ? '' : String(value));
  }, [value]);

  useEffect(() => {
    if (!open || !connectionId) return;
    const controller = new AbortController();
    setPage({ options: [], next: null, loading: true });
    const timer = setTimeout(() => {
      const input = {
        ...JSON.parse(dependencyKey),
        limit: PAGE_SIZE,
        ...(query.trim() ? { search: query.trim() } : {}),
      };
      fetchPage(lookup, connectionId, input, controller.signal).then(
        (answer) => {
          setPage({ options: answer.options, next: answer.next_cursor, loading: false });
          setHighlight(-1);
        },
        (error: unknown) => {
          if (!controller.signal.aborted) {
            setPage({ options: [], next: null, loading: false, error: describeError(error).message });
          }
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, query, connectionId, dependencyKey, lookup]);

  const loadMore = async () => {
    if (!connectionId || !page.next) return;
    const input = {
      ...dependencies,
      limit: PAGE_SIZE,
      cursor: page.next,
      ...(query.trim() ? { search: query.trim() } : {}),
    };
    setPage((current) => ({ ...current, loading: true }));
    try {
      const answer = await fetchPage(lookup, connectionId, input);
      setPage((current) => ({
        options: [...current.options, ...answer.options],
        next: answer.next_cursor,
        loading: false,
      }));
    } catch (error) {
      setPage((current) => ({ ...current, loading: false, error: describeError(error).message }));
    }
  };

  const pick = (option: LookupOption) => {
    setChosen(option);
    setText(option.label);
    setOpen(false);
    emit(option.value);
  };

  const type = (next: string) => {
    setText(next);
    setQuery(next);
    setChosen(undefined);
    setOpen(true);
    emit(typedValue(next, schema));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setHighlight((h) => Math.max(-1, Math.min(page.options.length - 1, h + step)));
    } else if (event.key === 'Enter' && open) {
      event.preventDefault();
      const option = page.options[highlight];
      if (option) pick(option);
      else setOpen(false);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  // The list closes when the focus leaves the widget (not when it moves to one of its buttons).
  const container = useRef<HTMLDivElement>(null);
  const leave = (event: FocusEvent<HTMLElement>) => {
    if (!container.current?.contains(event.relatedTarget as Node | null)) {
      setOpen(false);
      onBlur(id, value);
    }
  };

  const listId = `${id}__options`;
  return (
    <div className="lookup" ref={container}>
      <div className="lookup-input">
        <input
          id={id}
          name={props.htmlName ?? id}
          type="text"
          className="form-control"
          autoComplete="off"
          value={text}
          required={required}
          disabled={disabled || readonly}
          placeholder={placeholder || `Search ${lookup.replace(/_/g, ' ')} or type an ID`}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          onBlur={leave}
          onChange={(event) => type(event.target.value)}
          onFocus={() => {
            setQuery(chosen ? '' : text);
            setOpen(true);
            onFocus(id, value);
          }}
          onKeyDown={onKeyDown}
        />
        {chosen ? <span className="lookup-value">{String(chosen.value)}</span> : null}
      </div>
      {open ? (
        <div className="lookup-panel" id={listId}>
          {!connectionId ? (
            <p className="muted">
              Pick a connection to browse {lookup.replace(/_/g, ' ')}; a typed value is used as it is.
            </p>
          ) : null}
          {page.options.map((option, index) => (
            <button
              type="button"
              key={`${typeof option.value}:${option.value}`}
              className={`lookup-option${index === highlight ? ' active' : ''}`}
              onClick={() => pick(option)}
              onBlur={leave}
            >
              <span>{option.label}</span>
              <span className="muted">{String(option.value)}</span>
            </button>
          ))}
          {page.loading ? <p className="muted">Loading…</p> : null}
          {page.error ? <p className="text-danger">{page.error}</p> : null}
          {connectionId && !page.loading && !page.error && page.options.length === 0 ? (
            <p className="muted">No {lookup.replace(/_/g, ' ')} match.</p>
          ) : null}
          {/* Last: a click on the first entry picks a record, not the search words. */}
          {text.trim() && !chosen ? (
            <button type="button" className="lookup-typed" onClick={() => setOpen(false)} onBlur={leave}>
              Use “{text.trim()}” as typed
            </button>
          ) : null}
          {page.next && !page.loading ? (
            <button type="button" className="lookup-more" onClick={() => void loadMore()} onBlur={leave}>
              Load more
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
