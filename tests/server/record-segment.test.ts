import { describe, expect, it } from 'vitest';
import { buildRespondentColumns, respondentRecord } from '../../analysis/index';
import { decodeRecordSegments, encodeRecordSegment, recordSegmentSize } from '../../server/services/record-segment';

describe('record segments', () => {
  it('round-trips categories, indicators, whole and fractional numbers with their missing values', () => {
    const columns = buildRespondentColumns(4, [
      { name: 'kon', role: 'category', cell: (i) => ['kvinna', null, 'man', 'kvinna'][i] },
      { name: 'utsatt', role: 'indicator', cell: (i) => [1, 0, null, 1][i] },
      { name: 'alder', role: 'number', cell: (i) => [18, null, 85, -3][i] },
      { name: 'vikt', role: 'number', cell: (i) => [1.5, 40000, null, 2][i] },
    ]);
    const bytes = encodeRecordSegment(columns);
    expect(recordSegmentSize(bytes)).toBe(4);
    const decoded = decodeRecordSegments([bytes]);
    expect([0, 1, 2, 3].map((i) => respondentRecord(decoded, i))).toEqual([
      { kon: 'kvinna', utsatt: 1, alder: 18, vikt: 1.5 },
      { kon: null, utsatt: 0, alder: null, vikt: 40000 },
      { kon: 'man', utsatt: null, alder: 85, vikt: null },
      { kon: 'kvinna', utsatt: 1, alder: -3, vikt: 2 },
    ]);
  });

  it('merges segments: levels in order of first appearance, a column absent from a segment is missing there', () => {
    const first = buildRespondentColumns(2, [
      { name: 'omrade', role: 'category', cell: (i) => ['norr', 'syd'][i] },
      { name: 'a', role: 'indicator', cell: () => 1 },
    ]);
    const second = buildRespondentColumns(2, [{ name: 'omrade', role: 'category', cell: (i) => ['öst', 'norr'][i] }]);
    const merged = decodeRecordSegments([encodeRecordSegment(first), encodeRecordSegment(second)]);
    expect(merged.size).toBe(4);
    expect(merged.columns.get('omrade')).toEqual({ kind: 'categorical', levels: ['norr', 'syd', 'öst'], codes: Int32Array.from([0, 1, 2, 0]) });
    expect(Array.from((merged.columns.get('a') as { values: Float64Array }).values)).toEqual([1, 1, NaN, NaN]);
  });

  it('keeps categories with more than 255 and more than 65,535 levels', () => {
    for (const n of [300, 70_000]) {
      const columns = buildRespondentColumns(n, [{ name: 'id', role: 'category', cell: (i) => (i === 5 ? null : `r${i}`) }]);
      const decoded = decodeRecordSegments([encodeRecordSegment(columns)]);
      expect(respondentRecord(decoded, n - 1).id).toBe(`r${n - 1}`);
      expect(respondentRecord(decoded, 5).id).toBeNull();
    }
  });

  it('rejects bytes that are not a segment', () => {
    expect(() => decodeRecordSegments([new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])])).toThrow('not an analysis record segment');
  });
});
