// Rows as PostgreSQL COPY text: one line per row, columns separated by tabs, NULL as \N. The four
// characters COPY reads specially (backslash, tab, newline, carriage return) are escaped.

export type CopyValue = string | number | boolean | Date | readonly string[] | null | undefined;

const SPECIAL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** An array literal ('{a,"b c"}'): each element quoted, so commas, braces and quotes stay data. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  const text =
    value instanceof Date ? value.toISOString()
      : Array.isArray(value) ? arrayLiteral(value)
        : String(value);
  return text.replace(SPECIAL, (c) => ESCAPES[c]!);
}

export function copyLine(values: readonly CopyValue[]): string {
  return `${values.map(copyField).join('\t')}\n`;
}
