/** One CSV line (RFC 4180: comma-separated, quoted when needed, CRLF-free `\n` ending). */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    const value = values[i];
    if (value === null || value === undefined) continue;
    const text = String(value);
    line += /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }
  return line + '\n';
}
