/**
 * The picker of the operation or trigger shown: a combobox that searches as you type (every word must appear in
 * the entry's name, title or group, e.g. "follow deal"), lists the matches grouped (operations by resource,
 * triggers by object), and is used from the keyboard: arrows move, Enter picks, Escape gives the picked entry
 * back. An entry named or titled exactly as the text comes first.
 */
import { type KeyboardEvent, useEffect, useId, useMemo, useState } from 'react';

export interface PickerEntry {
  name: string;
  title: string;
  /** The group it is listed under (a resource, an event object). */
  group: string;
}

const words = (text: string) => text.toLowerCase().replace(/_/g, ' ').split(/\s+/).filter(Boolean);

/**
 * The entries whose name, title or group holds every word of the query; first the one whose name or title is the
 * query ("list deals" and "list_deals" both name list_deals, which Enter then picks, not list_archived_deals).
 */
export function matching(entries: readonly PickerEntry[], query: string): PickerEntry[] {
  const wanted = words(query);
  if (wanted.length === 0) return [...entries];
  const exact = wanted.join(' ');
  const found = entries.filter((entry) => {
    const haystack = `${entry.name} ${entry.title} ${entry.group}`.toLowerCase().replace(/_/g, ' ');
    return wanted.every((word) => haystack.includes(word));
  });
  const first = found.findIndex(
    (entry) => words(entry.name).join(' ') === exact || words(entry.title).join(' ') === exact,
  );
  return first > 0 ? [found[first] as PickerEntry, ...found.filter((_, i) => i !== first)] : found;
}

/** The matches by group, groups in the order their first entry comes. */
function grouped(entries: readonly PickerEntry[]): [string, PickerEntry[]][] {
  const groups = new Map<string, PickerEntry[]>();
  for (const entry of entries) groups.set(entry.group, [...(groups.get(entry.group) ?? []), entry]);
  return [...groups];
}

const shown = (entry: PickerEntry | undefined) => (entry ? `${entry.title} (${entry.name})` : '');

export function Picker(props: {
  id: string;
  label: string;
  entries: readonly PickerEntry[];
  value?: string;
  onSelect(name: string): void;
}) {
  const { id, label, entries, value, onSelect } = props;
  const selected = entries.find((entry) => entry.name === value);
  const [text, setText] = useState(shown(selected));
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [highlight, setHighlight] = useState(0);
  const listId = `${useId()}-options`;

  // The entry picked elsewhere (a link, the first entry) is shown while the list is closed.
  useEffect(() => {
    if (!open) setText(shown(selected));
  }, [selected, open]);

  const matches = useMemo(() => matching(entries, query), [entries, query]);
  // The flat order the arrows move in is the order shown: group by group.
  const groups = useMemo(() => grouped(matches), [matches]);
  const order = useMemo(() => groups.flatMap(([, items]) => items), [groups]);
  const active = order[Math.min(highlight, order.length - 1)];
  const optionId = (entry: PickerEntry) => `${id}-option-${entry.name}`;

  useEffect(() => {
    if (!open || !active) return;
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  });

  const pick = (entry: PickerEntry | undefined) => {
    setOpen(false);
    setQuery('');
    if (!entry) {
      setText(shown(selected));
      return;
    }
    setText(shown(entry));
    if (entry.name !== value) onSelect(entry.name);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setHighlight((h) => Math.max(0, Math.min(order.length - 1, h + step)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (open) pick(active);
      else setOpen(true);
    } else if (event.key === 'Escape') {
      pick(undefined);
    }
  };

  return (
    <div className="picker">
      <label htmlFor={id}>{label}</label>
      <div className="picker-box">
        <input
          id={id}
          type="text"
          className="form-control picker-input"
          autoComplete="off"
          spellCheck={false}
          value={text}
          placeholder={`Search ${entries.length} by name, title or ${label === 'Operation' ? 'resource' : 'object'}`}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active ? optionId(active) : undefined}
          onFocus={(event) => {
            event.target.select();
            setQuery('');
            setHighlight(
              Math.max(
                0,
                order.findIndex((entry) => entry.name === value),
              ),
            );
            setOpen(true);
          }}
          onBlur={() => pick(undefined)}
          onChange={(event) => {
            setText(event.target.value);
            setQuery(event.target.value);
            setHighlight(0);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
        />
        {open ? (
          <div className="picker-panel" id={listId} role="listbox" aria-label={label}>
            <p className="picker-count muted">
              {matches.length} of {entries.length}
            </p>
            {groups.map(([group, items]) => (
              <fieldset key={group} className="picker-fieldset">
                <legend className="picker-group">{group}</legend>
                {items.map((entry) => (
                  <div
                    key={entry.name}
                    id={optionId(entry)}
                    role="option"
                    tabIndex={-1}
                    aria-selected={entry === active}
                    className={`picker-option${entry === active ? ' active' : ''}${entry.name === value ? ' picked' : ''}`}
                    // Picked on mouse down, before the input's blur closes the list.
                    onMouseDown={(event) => {
                      event.preventDefault();
                      pick(entry);
                    }}
                  >
                    <span>{entry.title}</span>
                    <code className="muted">{entry.name}</code>
                  </div>
                ))}
              </fieldset>
            ))}
            {matches.length === 0 ? (
              <p className="muted picker-none">Nothing matches “{query.trim()}”.</p>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
