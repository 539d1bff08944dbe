/** The title, what it calls and the description of an operation or a trigger. */
import type { ReactNode } from 'react';

export function EntryHead(props: { title: string; name: string; call?: string; description?: string }) {
  return (
    <header className="entry-head">
      <h2>
        {props.title} <code className="entry-name">{props.name}</code>
      </h2>
      {props.call ? <code className="entry-call">{props.call}</code> : null}
      {props.description ? <p className="entry-description">{props.description}</p> : null}
    </header>
  );
}

/** The select that picks the operation or trigger shown. */
export function Picker(props: {
  id: string;
  label: string;
  value?: string;
  onSelect(name: string): void;
  children: ReactNode;
}) {
  return (
    <div className="picker">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(event) => props.onSelect(event.target.value)}>
        {props.children}
      </select>
    </div>
  );
}
