/**
 * One CSV line (RFC 4180: comma-separated, quoted when needed, CRLF-free `\n`
 * ending). Text that a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`, tab or carriage return, and not a number) gets a
 * leading `'`, so an opened export never executes what someone typed into a
 * frame file or an answer (OWASP "CSV injection").
 */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    const value = values[i];
    if (value === null || value === undefined) continue;
    const text = typeof value === 'string' ? defuseFormula(value) : String(value);
    line += /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }
  return line + '\n';
}

function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !/^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?$/.test(text) ? `'${text}` : text;
}
