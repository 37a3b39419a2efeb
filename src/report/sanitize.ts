// Text from scanned files must never reach a terminal or a log as raw control characters:
// an escape sequence in a manifest could rewrite the screen or forge output lines.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;
const CONTROL_AND_NEWLINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\t') return '\\t';
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Escapes control characters but keeps tabs and newlines (multi-line text such as code frames). */
export function clean(s: string): string {
  return s.replace(CONTROL, (c) => (c === '\t' ? c : escapeChar(c)));
}

/** Escapes every control character, newlines included, for one-line formats. */
export function cleanLine(s: string): string {
  return s.replace(CONTROL_AND_NEWLINE, escapeChar);
}

// JSON.stringify leaves DEL, the C1 controls (U+0080–U+009F, e.g. the 8-bit CSI) and U+2028/U+2029 raw.
const JSON_RAW_CONTROL = /[\u007f-\u009f\u2028\u2029]/g;

/** Pretty JSON with every control character escaped, so no scanned text reaches a terminal raw. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_RAW_CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n';
}
