/**
 * Complementary suppression: the cases of the issue, two-way tables with margins, linked tables, and
 * property tests on random tables. The properties are checked with an audit written here from scratch
 * (exact rank over the rationals with BigInt), not with the function's own audit.
 */
import { describe, expect, it } from 'vitest';
import { complementarySuppression, derivableSuppressedCells, type SuppressionRelation } from '../../analysis/complementary-suppression';
import { crossingRelations } from '../../analysis/crossing-relations';
import { mulberry32 } from '../../analysis/mulberry32';
import { InvalidInputError } from '../../analysis/invalid-input-error';
import { derivable } from './linear-audit';

/** A two-way table r × c with row, column and grand totals: cells r·c, then r row totals, c column totals, the grand total. */
function twoWay(values: number[][]) {
  const r = values.length;
  const c = values[0].length;
  const inner = values.flat();
  const rowTotals = values.map((row) => row.reduce((a, b) => a + b, 0));
  const colTotals = values[0].map((_, j) => values.reduce((a, row) => a + row[j], 0));
  const cells = [...inner, ...rowTotals, ...colTotals, rowTotals.reduce((a, b) => a + b, 0)];
  const relations: SuppressionRelation[] = [];
  for (let i = 0; i < r; i++) relations.push({ total: r * c + i, parts: Array.from({ length: c }, (_, j) => i * c + j) });
  for (let j = 0; j < c; j++) relations.push({ total: r * c + r + j, parts: Array.from({ length: r }, (_, i) => i * c + j) });
  relations.push({ total: cells.length - 1, parts: Array.from({ length: r }, (_, i) => r * c + i) });
  relations.push({ total: cells.length - 1, parts: Array.from({ length: c }, (_, j) => r * c + r + j) });
  return { cells, relations };
}

describe('complementarySuppression', () => {
  it('hides a second level when one level of kön is below 5 (kön = annat, n = 1, next to the total of 40)', () => {
    const result = complementarySuppression({ cost: [40, 20, 19, 1], primary: [false, false, false, true], relations: [{ total: 0, parts: [1, 2, 3] }] });
    expect(result.status).toEqual(['shown', 'shown', 'secondary', 'primary']);
    expect(result.exposed).toEqual([]);
  });

  it('leaves a table alone when nothing is primary, or when two levels are already hidden', () => {
    expect(complementarySuppression({ cost: [40, 20, 20], primary: [false, false, false], relations: [{ total: 0, parts: [1, 2] }] }).status).toEqual(['shown', 'shown', 'shown']);
    expect(complementarySuppression({ cost: [40, 35, 3, 2], primary: [false, false, true, true], relations: [{ total: 0, parts: [1, 2, 3] }] }).status).toEqual([
      'shown',
      'shown',
      'primary',
      'primary',
    ]);
  });

  it('closes a rectangle in a two-way table with margins', () => {
    const { cells, relations } = twoWay([
      [2, 30, 40],
      [25, 35, 45],
      [50, 20, 60],
    ]);
    const result = complementarySuppression({ cost: cells, primary: cells.map((_, i) => i === 0), relations });
    const hidden = result.status.flatMap((s, i) => (s === 'shown' ? [] : [i]));
    // The cheapest rectangle through cell (0,0): rows 0 and 1, columns 0 and 1 (2 + 30 + 25 + 35 = 92; rows 0 and 2 would cost 102).
    expect(hidden).toEqual([0, 1, 3, 4]);
    expect(derivable(relations, result.status.map((s) => s !== 'shown'))).toEqual([]);
  });

  it('protects the bridge between two hidden rectangles', () => {
    // Cells (0,0),(0,1),(1,0),(1,1) and (2,2),(2,3),(3,2),(3,3) hidden, and (1,2) joins the two: it is derivable.
    const values = [
      [10, 11, 12, 13],
      [14, 15, 3, 17],
      [18, 19, 20, 21],
      [22, 23, 24, 25],
    ];
    const { cells, relations } = twoWay(values);
    const primary = cells.map(() => false);
    for (const [i, j] of [[0, 0], [0, 1], [1, 0], [1, 1], [2, 2], [2, 3], [3, 2], [3, 3], [1, 2]]) primary[i * 4 + j] = true;
    expect(derivableSuppressedCells(relations, primary)).toEqual([6]);
    const result = complementarySuppression({ cost: cells, primary, relations });
    expect(result.exposed).toEqual([]);
    expect(derivable(relations, result.status.map((s) => s !== 'shown'))).toEqual([]);
  });

  it('never hides a cell of cost Infinity, and reports what it then cannot protect', () => {
    const result = complementarySuppression({ cost: [Infinity, Infinity, 1], primary: [false, false, true], relations: [{ total: 0, parts: [1, 2] }] });
    expect(result.status).toEqual(['shown', 'shown', 'primary']);
    expect(result.exposed).toEqual([2]);
  });

  it('counts an unpublished margin as unknown', () => {
    // kön × åldersgrupp without the kön margin: kvinna's row total is not shown.
    const layout = crossingRelations([{}, { kon: 'kvinna', aldersgrupp: 'a' }, { kon: 'kvinna', aldersgrupp: 'b' }, { kon: 'man', aldersgrupp: 'a' }, { kon: 'man', aldersgrupp: 'b' }, { aldersgrupp: 'a' }, { aldersgrupp: 'b' }]);
    expect(layout.cells.slice(7)).toEqual([{ kon: 'kvinna' }, { kon: 'man' }]);
    expect(layout.unpublished).toEqual([false, false, false, false, false, false, false, true, true]);
    const cost = [100, 2, 30, 40, 28, 42, 58, 32, 68];
    const result = complementarySuppression({ cost, primary: cost.map((_, i) => i === 1), unpublished: layout.unpublished, relations: layout.relations });
    expect(result.exposed).toEqual([]);
    expect(derivable(layout.relations, result.status.map((s) => s !== 'shown'))).toEqual([]);
  });

  it('rejects tables that do not fit together', () => {
    expect(() => complementarySuppression({ cost: [1, 2], primary: [true], relations: [] })).toThrow(InvalidInputError);
    expect(() => complementarySuppression({ cost: [1, 2], primary: [true, false], relations: [{ total: 0, parts: [5] }] })).toThrow(/relation 0 names cell 5/);
    expect(() => complementarySuppression({ cost: [1, Number.NaN], primary: [true, false], relations: [] })).toThrow(/cost of cell 1/);
  });
});

describe('crossingRelations', () => {
  it('links each crossing to its margins', () => {
    const layout = crossingRelations([{}, { kon: 'k' }, { kon: 'm' }, { kon: 'k', omrade: 'x' }, { kon: 'k', omrade: 'y' }, { kon: 'm', omrade: 'x' }]);
    const named = layout.relations.map((r) => ({ total: layout.cells[r.total], parts: r.parts.map((p) => layout.cells[p]) }));
    expect(named).toContainEqual({ total: {}, parts: [{ kon: 'k' }, { kon: 'm' }] });
    expect(named).toContainEqual({ total: { kon: 'k' }, parts: [{ kon: 'k', omrade: 'x' }, { kon: 'k', omrade: 'y' }] });
    expect(named).toContainEqual({ total: { omrade: 'x' }, parts: [{ kon: 'k', omrade: 'x' }, { kon: 'm', omrade: 'x' }] });
    expect(named).toContainEqual({ total: {}, parts: [{ omrade: 'x' }, { omrade: 'y' }] });
  });
});

describe('property: for random tables, no suppressed count is the difference of shown counts and margins', () => {
  const random = mulberry32(20260513);
  const count = () => {
    const u = random();
    return u < 0.1 ? 0 : u < 0.3 ? 1 + Math.floor(random() * 4) : 5 + Math.floor(random() * 60);
  };
  const check = (relations: readonly SuppressionRelation[], cost: number[], unpublished: boolean[] = cost.map(() => false)) => {
    const primary = cost.map((v, i) => !unpublished[i] && v > 0 && v < 5);
    const result = complementarySuppression({ cost, primary, unpublished, relations });
    expect(result.exposed).toEqual([]);
    result.status.forEach((status, i) => {
      if (primary[i]) expect(status).toBe('primary');
      if (unpublished[i]) expect(status).toBe('unpublished');
    });
    const unknown = result.status.map((s) => s !== 'shown');
    // No relation has a suppressed cell as its only unknown: no hidden count is one shown total minus shown parts.
    for (const relation of relations) {
      const unknowns = [relation.total, ...relation.parts].filter((c) => unknown[c]);
      if (unknowns.length === 1) expect(unpublished[unknowns[0]]).toBe(true);
    }
    // No combination of relations determines a hidden count either.
    const exact = derivable(relations, unknown).filter((c) => !unpublished[c]);
    expect(exact).toEqual([]);
    return result;
  };

  it('one-way tables with a total', () => {
    let secondary = 0;
    for (let trial = 0; trial < 300; trial++) {
      const levels = 2 + Math.floor(random() * 6);
      const parts = Array.from({ length: levels }, count);
      const cost = [parts.reduce((a, b) => a + b, 0), ...parts];
      const result = check([{ total: 0, parts: parts.map((_, i) => i + 1) }], cost);
      secondary += result.status.filter((s) => s === 'secondary').length;
    }
    expect(secondary).toBeGreaterThan(50);
  });

  it('two-way tables with row, column and grand totals', () => {
    let secondary = 0;
    for (let trial = 0; trial < 200; trial++) {
      const r = 2 + Math.floor(random() * 4);
      const c = 2 + Math.floor(random() * 5);
      const { cells, relations } = twoWay(Array.from({ length: r }, () => Array.from({ length: c }, count)));
      const result = check(relations, cells);
      secondary += result.status.filter((s) => s === 'secondary').length;
    }
    expect(secondary).toBeGreaterThan(100);
  });

  it('linked domain tables (kön, åldersgrupp, område, kön × åldersgrupp) with unpublished margins', () => {
    for (let trial = 0; trial < 120; trial++) {
      const kon = ['kvinna', 'man', 'annat'].slice(0, 2 + Math.floor(random() * 2));
      const alder = ['18-29', '30-44', '45-64', '65-85'].slice(0, 2 + Math.floor(random() * 3));
      const omrade = ['a', 'b', 'c', 'd', 'e'].slice(0, 2 + Math.floor(random() * 4));
      const published: Record<string, string>[] = [{}];
      const withKon = random() < 0.7;
      if (withKon) for (const k of kon) published.push({ kon: k });
      for (const a of alder) published.push({ aldersgrupp: a });
      for (const o of omrade) published.push({ omrade: o });
      for (const k of kon) for (const a of alder) published.push({ kon: k, aldersgrupp: a });
      const layout = crossingRelations(published);
      // Counts that add up: draw the finest cells (kön × ålder × område) and sum them into each cell.
      const finest = new Map<string, number>();
      for (const k of kon) for (const a of alder) for (const o of omrade) finest.set(`${k}|${a}|${o}`, count());
      const value = (cell: Readonly<Record<string, string>>) =>
        [...finest.entries()]
          .filter(([key]) => {
            const [k, a, o] = key.split('|');
            return (cell.kon ?? k) === k && (cell.aldersgrupp ?? a) === a && (cell.omrade ?? o) === o;
          })
          .reduce((sum, [, v]) => sum + v, 0);
      check(layout.relations, layout.cells.map(value), [...layout.unpublished]);
    }
  });
});
