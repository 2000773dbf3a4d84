import { describe, expect, it } from 'vitest';
import { csvLine, parseCsv } from '../../domain/csv';

describe('csvLine', () => {
  it('quotes only where needed and round-trips through the CSV reader', () => {
    const line = csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', 3, null, undefined]);
    expect(line).toBe('a,"b,c","say ""hi""","two\nlines",3,,\n');
    const table = parseCsv(`c1,c2,c3,c4,c5,c6,c7\n${line}`, 'x.csv');
    expect(table.rows[0].values).toEqual({ c1: 'a', c2: 'b,c', c3: 'say "hi"', c4: 'two\nlines', c5: '3', c6: '', c7: '' });
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvLine(['=HYPERLINK("http://x")', '+1+cmd', '@SUM(A1)', '-2+3', '\tx'])).toBe(
      `"'=HYPERLINK(""http://x"")",'+1+cmd,'@SUM(A1),'-2+3,'\tx\n`,
    );
  });

  it('defuses every piece a spreadsheet could split off (Swedish Excel splits on ;), not only the first character', () => {
    expect(csvLine(['x;=1+1', 'a,@SUM(A1)', 'rad ett\n-2+3', 'x\t+cmd', 'ok;-5;inte'])).toBe(
      `x;'=1+1,"a,'@SUM(A1)","rad ett\n'-2+3",x\t'+cmd,ok;-5;inte\n`,
    );
  });

  it('leaves numbers, also negative ones and decimal commas, as they are', () => {
    expect(csvLine(['-5', '+3', '-0,5', '1e-3', -7, 'kvinna'])).toBe('-5,+3,"-0,5",1e-3,-7,kvinna\n');
  });
});
