/**
 * Characters that are not text but instructions to whatever shows it: the C0 controls (NUL, CR, ESC, ...), DEL, the
 * C1 controls, the line and paragraph separators, and the bidirectional controls that reorder what a reader sees
 * (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069). Refused where a value becomes part of a request or a
 * label, and escaped where text of others is printed to a terminal.
 */
function isControl(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Whether `text` holds a control character (see above). */
export function hasControl(text: string): boolean {
  for (const char of text) if (isControl(char.codePointAt(0) as number)) return true;
  return false;
}

/**
 * `text` with every control character written as `\uXXXX`, so that it shows as what it is and does nothing;
 * `keepLineFeeds` leaves `\n` as it is (the lines of JSON text, whose strings JSON.stringify escapes already: the
 * escapes are JSON's own, so the text parses to the same value).
 */
export function escapeControls(text: string, keepLineFeeds = false): string {
  if (!hasControl(text)) return text;
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    out +=
      isControl(code) && !(keepLineFeeds && code === 0x0a)
        ? `\\u${code.toString(16).padStart(4, '0')}`
        : char;
  }
  return out;
}
