// CSV as RFC 4180 describes it: CRLF between records, a field quoted when it holds a comma, a
// double quote, CR or LF, and a double quote inside a quoted field doubled.
//
// One deliberate addition: a field that starts with = + - @ or a tab is prefixed with a single
// quote, so a comment like "=HYPERLINK(…)" is shown as text rather than run as a formula when
// the file is opened in a spreadsheet (CSV injection).

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string | number | boolean | undefined | null): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header first, then the rows; every record ends with CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | undefined)[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
