import { InlineText } from './inline-text.js';

/** The title, what it calls and the description of an operation or a trigger. */
export function EntryHead(props: { title: string; name: string; call?: string; description?: string }) {
  return (
    <header className="entry-head">
      <h2>
        {props.title} <code className="entry-name">{props.name}</code>
      </h2>
      {props.call ? <code className="entry-call">{props.call}</code> : null}
      {props.description ? (
        <p className="entry-description">
          <InlineText text={props.description} />
        </p>
      ) : null}
    </header>
  );
}
