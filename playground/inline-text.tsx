/** Text of the manifest (descriptions) with its `code` spans shown as code, not as literal backticks; no markup. */
export function InlineText({ text }: { text: string }) {
  // Split with a group: even parts are text, odd ones the contents of code spans; keyed by where they start.
  const parts = text.split(/`([^`\n]+)`/);
  let at = 0;
  return (
    <>
      {parts.map((part, i) => {
        const start = at;
        at += part.length + (i % 2 === 1 ? 2 : 0);
        return i % 2 === 1 ? <code key={start}>{part}</code> : part;
      })}
    </>
  );
}
