import { describe, expect, it } from 'vitest';
import { drawStratifiedSample } from '../../../domain/sampling/draw-stratified-sample';
import { seededRandom } from '../../../domain/sampling/seeded-random';

describe('seededRandom (sfc32, SHA-256 seeded)', () => {
  it('same seed → same sequence; different seed → different sequence', () => {
    const a = seededRandom('urval-2025');
    const b = seededRandom('urval-2025');
    const c = seededRandom('urval-2026');
    const seqA = Array.from({ length: 8 }, () => a.nextUint32());
    expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(seqA);
    seqA.forEach((x) => expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true));
  });

  it('nextInt is uniform enough: chi-square over 10 bins of 100 000 draws below the 0.999 quantile (27.88, df 9)', () => {
    const random = seededRandom('uniform');
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[random.nextInt(10)]++;
    const chi2 = counts.reduce((sum, c) => sum + (c - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(27.88);
  });

  it('nextInt rejects bad bounds', () => {
    expect(() => seededRandom('x').nextInt(0)).toThrow(RangeError);
    expect(() => seededRandom('x').nextInt(1.5)).toThrow(RangeError);
    expect(seededRandom('x').nextInt(1)).toBe(0);
  });
});

describe('drawStratifiedSample', () => {
  const units = new Map([
    ['a', Array.from({ length: 100 }, (_, i) => `a${i}`)],
    ['b', Array.from({ length: 10 }, (_, i) => `b${i}`)],
  ]);
  const sizes = new Map([['a', 30], ['b', 10]]);

  it('draws n_h distinct units from each stratum', () => {
    const sample = drawStratifiedSample(units, sizes, 'frö');
    expect(sample.get('a')).toHaveLength(30);
    expect(new Set(sample.get('a')).size).toBe(30);
    sample.get('a')!.forEach((u) => expect(u.startsWith('a')).toBe(true));
    expect([...sample.get('b')!].sort()).toEqual([...units.get('b')!].sort());
  });

  it('same seed + same frame → same sample; another seed → another sample', () => {
    expect(drawStratifiedSample(units, sizes, 'frö')).toEqual(drawStratifiedSample(units, sizes, 'frö'));
    expect(drawStratifiedSample(units, sizes, 'frö').get('a')).not.toEqual(drawStratifiedSample(units, sizes, 'annat').get('a'));
  });

  it("a stratum's draw does not depend on other strata", () => {
    const alone = drawStratifiedSample(new Map([['a', units.get('a')!]]), new Map([['a', 30]]), 'frö');
    expect(alone.get('a')).toEqual(drawStratifiedSample(units, sizes, 'frö').get('a'));
  });

  it('every unit has inclusion probability n/N (2 of 5, 20 000 seeds, each 0.4 ± 0.02)', () => {
    const pool = new Map([['s', ['u0', 'u1', 'u2', 'u3', 'u4']]]);
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      for (const u of drawStratifiedSample(pool, new Map([['s', 2]]), `seed-${i}`).get('s')!) counts.set(u, (counts.get(u) ?? 0) + 1);
    }
    for (const u of pool.get('s')!) expect(Math.abs(counts.get(u)! / 20_000 - 0.4)).toBeLessThan(0.02);
  });

  it('errors: unknown stratum, n_h above N_h or not an integer', () => {
    expect(() => drawStratifiedSample(units, new Map([['c', 1]]), 's')).toThrow('finns inte');
    expect(() => drawStratifiedSample(units, new Map([['b', 11]]), 's')).toThrow('mellan 0 och 10');
    expect(() => drawStratifiedSample(units, new Map([['b', 1.5]]), 's')).toThrow('heltal');
  });
});
