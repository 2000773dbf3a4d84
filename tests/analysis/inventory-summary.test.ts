import { describe, expect, it, vi } from 'vitest';
import { summariseInventory } from '../../analysis/inventory-summary';
import { suppressSmallCount } from '../../analysis/suppress-small-count';
import { InvalidInputError } from '../../analysis/invalid-input-error';
import type { InventoryCount, InventoryReport } from '../../domain/inventory';

const c = (kategori: InventoryCount['kategori'], kon: InventoryCount['kon'], aldersgrupp: string, antal: number): InventoryCount => ({ kategori, kon, aldersgrupp, antal });

// Three units; hand sums below.
const reports: InventoryReport[] = [
  {
    enhet: 'Barn och unga',
    counts: [c('barn_bevittnat', 'kvinna', '6-12', 12), c('barn_bevittnat', 'man', '6-12', 9), c('barn_bevittnat', 'kvinna', '13-17', 3), c('barn_utsatta', 'man', '0-5', 2)],
  },
  {
    enhet: 'Försörjningsstöd',
    counts: [c('barn_bevittnat', 'kvinna', '6-12', 4), c('vuxna_utsatta', 'kvinna', '30-44', 21), c('vuxna_utsatta', 'man', '30-44', 0), c('vuxna_utovare', 'man', '30-44', 6)],
  },
  { enhet: 'Öppenvård', counts: [c('vuxna_utsatta', 'kvinna', '18-29', 3), c('vuxna_utovare', 'uppgift_saknas', 'uppgift_saknas', 2)] },
];

describe('summariseInventory', () => {
  const summary = summariseInventory(reports);
  const cat = (k: string) => summary.categories.find((x) => x.kategori === k)!;

  it('sums each category across units, by kön, by åldersgrupp and per unit', () => {
    expect(summary.units).toBe(3);
    expect(summary.categories.map((x) => x.kategori)).toEqual(['barn_bevittnat', 'barn_utsatta', 'vuxna_utsatta', 'vuxna_utovare']);
    // barn_bevittnat: 12 + 9 + 3 + 4 = 28; flickor 12 + 3 + 4 = 19, pojkar 9; 6-12: 25, 13-17: 3 (suppressed).
    const bevittnat = cat('barn_bevittnat');
    expect(bevittnat.total).toEqual({ antal: 28, suppressed: false });
    expect(bevittnat.byKon.map((k) => [k.kon, k.count.antal])).toEqual([['kvinna', 19], ['man', 9], ['annat', 0], ['uppgift_saknas', 0]]);
    expect(bevittnat.byAldersgrupp.map((a) => [a.aldersgrupp, a.count.antal])).toEqual([['0-5', 0], ['6-12', 25], ['13-17', null], ['uppgift_saknas', 0]]);
    expect(bevittnat.byAldersgrupp[2].count).toEqual({ antal: null, suppressed: true, reason: 'n<5' });
    // kvinna × 6-12: 12 + 4 = 16.
    expect(bevittnat.cells.find((x) => x.kon === 'kvinna' && x.aldersgrupp === '6-12')?.count.antal).toBe(16);
    expect(bevittnat.cells).toHaveLength(4 * 4);
    // Per unit: Barn och unga 24, Försörjningsstöd 4 (suppressed), Öppenvård 0.
    expect(bevittnat.byUnit.map((u) => [u.enhet, u.count.antal])).toEqual([['Barn och unga', 24], ['Försörjningsstöd', null], ['Öppenvård', 0]]);
    // vuxna_utsatta: 21 + 0 + 3 = 24; adults have five age groups.
    expect(cat('vuxna_utsatta').total.antal).toBe(24);
    expect(cat('vuxna_utsatta').byAldersgrupp.map((a) => a.aldersgrupp)).toEqual(['18-29', '30-44', '45-64', '65+', 'uppgift_saknas']);
    // barn_utsatta 2 and vuxna_utovare 6 + 2 = 8.
    expect(cat('barn_utsatta').total).toEqual({ antal: null, suppressed: true, reason: 'n<5' });
    expect(cat('vuxna_utovare').total.antal).toBe(8);
  });

  it('suppresses with the chosen minCell, and never shows a small count in any table', () => {
    const strict = summariseInventory(reports, { minCell: 10 });
    const shownValues = strict.categories.flatMap((x) => [x.total, ...x.byKon.map((k) => k.count), ...x.byAldersgrupp.map((a) => a.count), ...x.cells.map((k) => k.count), ...x.byUnit.map((u) => u.count)]);
    expect(shownValues.filter((v) => v.antal !== null && v.antal > 0 && v.antal < 10)).toEqual([]);
    expect(strict.categories[0].byKon[1].count).toEqual({ antal: null, suppressed: true, reason: 'n<10' });
  });

  it('calls the complementary-suppression seam once per category with the raw sums', () => {
    const complementary = vi.fn((table, raw) => ({ ...table, total: raw.total > 20 ? { antal: null, suppressed: true, reason: 'complementary' } : table.total }));
    const result = summariseInventory(reports, { complementary });
    expect(complementary).toHaveBeenCalledTimes(4);
    expect(complementary.mock.calls[0][1].total).toBe(28);
    expect(result.categories[0].total).toEqual({ antal: null, suppressed: true, reason: 'complementary' });
  });

  it('rejects what a unit cannot have reported, naming the place', () => {
    const bad = (count: Partial<InventoryCount>) => () => summariseInventory([{ enhet: 'X', counts: [{ ...c('barn_bevittnat', 'kvinna', '6-12', 1), ...count } as InventoryCount] }]);
    expect(bad({ kategori: 'barn' as never })).toThrow(/reports\[0\]\.counts\[0\]: unknown kategori "barn"/);
    expect(bad({ kon: 'flicka' as never })).toThrow(InvalidInputError);
    expect(bad({ aldersgrupp: '18-29' })).toThrow(/aldersgrupp "18-29" is not one of barn_bevittnat's/);
    expect(bad({ antal: -1 })).toThrow(/antal must be a non-negative integer/);
    expect(bad({ antal: 1.5 })).toThrow(InvalidInputError);
    expect(() => summariseInventory([{ enhet: 'X', counts: [c('barn_bevittnat', 'kvinna', '6-12', 1), c('barn_bevittnat', 'kvinna', '6-12', 2)] }])).toThrow(/given twice/);
    expect(() => summariseInventory([], { minCell: 0 })).toThrow(/minCell/);
  });
});

describe('suppressSmallCount', () => {
  it('hides 1 to minCell − 1 and shows zero and larger counts', () => {
    expect([0, 1, 4, 5, 229].map((n) => suppressSmallCount(n, 5).antal)).toEqual([0, null, null, 5, 229]);
    expect(() => suppressSmallCount(-1, 5)).toThrow(InvalidInputError);
    expect(() => suppressSmallCount(2, 0)).toThrow(InvalidInputError);
  });
});
