import { describe, expect, it } from 'vitest';
import type { ScreeningContact } from '../../domain/screening-contact';
import { compareScreeningUnits } from '../../analysis/screening-unit-comparison';
import { chiSquareSurvival } from '../../analysis/screening-chi-square-survival';
import { InvalidInputError } from '../../analysis/invalid-input-error';

/** x contacts answering ja to psykiskt and n − x answering nej to all, in unit `enhet`, plus `notAsked` not asked. */
function unit(enhet: string, x: number, n: number, notAsked = 0): ScreeningContact[] {
  const asked = (yes: boolean): ScreeningContact => ({
    enhet, kon: 'kvinna', aldersgrupp: '30-49', tillfragad: true,
    psykiskt: yes ? 'ja' : 'nej', fysiskt: 'nej', sexuellt: 'nej', radd: 'nej', pagaende: 'nej',
    kandSedanTidigare: null, stodErbjudet: null, stodAccepterat: null,
  });
  const skipped: ScreeningContact = { ...asked(false), tillfragad: false, psykiskt: null, fysiskt: null, sexuellt: null, radd: null, pagaende: null };
  return [
    ...Array.from({ length: x }, () => asked(true)),
    ...Array.from({ length: n - x }, () => asked(false)),
    ...Array.from({ length: notAsked }, () => skipped),
  ];
}

describe('chiSquareSurvival', () => {
  it.each([
    // R: print(pchisq(q, df, lower.tail = FALSE), digits = 15)
    [3.841458820694124, 1, 0.05],
    [0.001, 1, 0.97477287936996],
    [50, 3, 7.98917924495147e-11],
    [200, 2, 3.72007597602084e-44],
    [12.5, 7, 0.0852692751582693],
    [0.5, 10, 0.999993388289439],
    [30, 40, 0.875218784967475],
    [1e-6, 3, 0.999999999734039],
  ])('matches R pchisq(%d, %d, lower.tail = FALSE)', (q, df, expected) => {
    expect(Math.abs(chiSquareSurvival(q, df) - expected) / expected).toBeLessThan(1e-12);
  });

  it('is 1 at 0 and rejects bad input', () => {
    expect(chiSquareSurvival(0, 4)).toBe(1);
    expect(() => chiSquareSurvival(-1, 2)).toThrow(InvalidInputError);
    expect(() => chiSquareSurvival(1, 0)).toThrow(/df/);
    expect(() => chiSquareSurvival(Number.NaN, 2)).toThrow(/statistic/);
  });
});

describe('compareScreeningUnits', () => {
  it('matches R prop.test / chisq.test without continuity correction', () => {
    // R: r <- prop.test(c(30, 20, 12), c(40, 35, 30), correct = FALSE)
    //    r$statistic 8.76312828207052, r$p.value 0.0125057825075662, df 2
    //    min(chisq.test(cbind(c(30,20,12), c(10,15,18)), correct = FALSE)$expected) 12.2857142857143
    const contacts = [...unit('C', 12, 30, 4), ...unit('A', 30, 40), ...unit('B', 20, 35, 2)];
    const result = compareScreeningUnits(contacts);
    expect(result.units.map((u) => u.enhet)).toEqual(['A', 'B', 'C']);
    expect(result.testNotDone).toBeNull();
    const test = result.test!;
    expect(test.method).toBe('pearson-chi-square');
    expect(test.statistic).toBeCloseTo(8.76312828207052, 11);
    expect(test.df).toBe(2);
    expect(test.pValue).toBeCloseTo(0.0125057825075662, 13);
    expect(test.minExpected).toBeCloseTo(12.2857142857143, 11);
    expect(test.units).toEqual(['A', 'B', 'C']);
  });

  it('gives each unit its disclosure with a Wilson interval', () => {
    // minCell 0: B's 1 of 10 would be suppressed (and A with it, since the total is shown beside them).
    expect(compareScreeningUnits([...unit('A', 5, 6), ...unit('B', 1, 10)]).units.map((u) => u.suppressed && u.reason)).toEqual(['secondary', 'x<5']);
    const result = compareScreeningUnits([...unit('A', 5, 6), ...unit('B', 1, 10)], { minCell: 0 });
    const a = result.units[0];
    if (a.suppressed) throw new Error('A should be shown');
    expect(a.contacts).toBe(6);
    // R: prop.test(5, 6, correct = FALSE)$conf.int → 0.4364971778 0.9699466303
    expect(a.disclosure.x).toBe(5);
    expect(a.disclosure.ci![0]).toBeCloseTo(0.4364971778, 9);
    expect(a.disclosure.ci![1]).toBeCloseTo(0.9699466303, 9);
    // R: prop.test(c(5, 1), c(6, 10), correct = FALSE)$statistic → 8.60444444444444, p 0.00335343645494632
    expect(result.test!.statistic).toBeCloseTo(8.60444444444444, 10);
    expect(result.test!.pValue).toBeCloseTo(0.00335343645494632, 13);
  });

  it('compares another measure when asked', () => {
    const contacts = [...unit('A', 5, 6), ...unit('B', 1, 10)];
    const result = compareScreeningUnits(contacts, { measure: 'fysiskt' });
    expect(result.measure).toBe('fysiskt');
    expect(result.test).toBeNull();
    expect(result.testNotDone).toBe('no-variation');
  });

  it('leaves suppressed units out of the test', () => {
    const result = compareScreeningUnits([...unit('A', 30, 40), ...unit('B', 20, 35), ...unit('C', 25, 50), ...unit('Liten', 3, 3)]);
    // Liten is below 5, and B, the smallest other unit, is hidden with it (the total is shown beside the comparison).
    expect(result.units[1]).toEqual({ enhet: 'B', suppressed: true, reason: 'secondary' });
    expect(result.units[3]).toEqual({ enhet: 'Liten', suppressed: true, reason: 'n<5' });
    expect(result.test!.units).toEqual(['A', 'C']);
    // R: prop.test(c(30, 25), c(40, 50), correct = FALSE)$statistic → 5.84415584415584, p 0.0156288698280284
    expect(result.test!.statistic).toBeCloseTo(5.84415584415584, 10);
    expect(result.test!.pValue).toBeCloseTo(0.0156288698280284, 12);
  });

  it('does no test with fewer than two units to compare', () => {
    const result = compareScreeningUnits([...unit('A', 3, 10), ...unit('B', 0, 0, 5)]);
    expect(result.test).toBeNull();
    expect(result.testNotDone).toBe('fewer-than-two-units');
    expect(result.units[1]).toMatchObject({ enhet: 'B', suppressed: false, disclosure: { n: 0, p: null, ci: null } });
  });

  it('rejects bad options', () => {
    expect(() => compareScreeningUnits([], { measure: 'ekonomiskt' as never })).toThrow(/compareScreeningUnits: measure/);
    expect(() => compareScreeningUnits([], { minCell: -2 })).toThrow(InvalidInputError);
  });
});
