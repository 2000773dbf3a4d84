import { describe, expect, it } from 'vitest';
import type { ScreeningContact } from '../../domain/screening-contact';
import { classifyScreeningContact } from '../../analysis/screening-contact-outcome';
import { InvalidInputError } from '../../analysis/invalid-input-error';

const base: ScreeningContact = {
  enhet: 'A',
  kon: 'kvinna',
  aldersgrupp: '30-49',
  tillfragad: true,
  psykiskt: 'nej',
  fysiskt: 'nej',
  sexuellt: 'nej',
  radd: 'nej',
  pagaende: 'nej',
  kandSedanTidigare: null,
  stodErbjudet: null,
  stodAccepterat: null,
};
const classify = (overrides: Partial<ScreeningContact>) => classifyScreeningContact({ ...base, ...overrides }, 0, 'test');

describe('classifyScreeningContact', () => {
  it('counts ja as 1, nej as 0, and leaves out vill_ej_svara and unanswered', () => {
    const outcome = classify({ psykiskt: 'ja', fysiskt: 'nej', sexuellt: 'vill_ej_svara', radd: null, pagaende: 'vill_ej_svara' });
    expect(outcome.disclosure).toEqual({ utsatt: 1, psykiskt: 1, fysiskt: 0, sexuellt: null, radd: null, pagaende: null });
  });

  it('utsatt is 1 if any of psykiskt, fysiskt, sexuellt is ja, even with the others missing', () => {
    expect(classify({ psykiskt: null, fysiskt: 'vill_ej_svara', sexuellt: 'ja' }).disclosure.utsatt).toBe(1);
  });

  it('utsatt is 0 only when all three are nej', () => {
    expect(classify({}).disclosure.utsatt).toBe(0);
    expect(classify({ sexuellt: 'vill_ej_svara' }).disclosure.utsatt).toBeNull();
    expect(classify({ fysiskt: null }).disclosure.utsatt).toBeNull();
  });

  it('radd and pagaende do not make a contact utsatt', () => {
    expect(classify({ radd: 'ja', pagaende: 'ja' }).disclosure).toMatchObject({ utsatt: 0, radd: 1, pagaende: 1 });
  });

  it('ignores the answers of a contact not asked and records its reason', () => {
    const outcome = classify({ tillfragad: false, orsakEjTillfragad: 'tolk saknades', psykiskt: 'ja', kandSedanTidigare: false, stodErbjudet: true });
    expect(outcome.asked).toBe(false);
    expect(outcome.notAskedReason).toBe('tolk saknades');
    expect(Object.values(outcome.disclosure).every((value) => value === null)).toBe(true);
    expect([outcome.unknownToUnit, outcome.supportOffered, outcome.supportAccepted]).toEqual([null, null, null]);
  });

  it('records a blank or missing reason as ej_angiven', () => {
    expect(classify({ tillfragad: false, orsakEjTillfragad: '  ' }).notAskedReason).toBe('ej_angiven');
    expect(classify({ tillfragad: false }).notAskedReason).toBe('ej_angiven');
    expect(classify({}).notAskedReason).toBeNull();
  });

  it('reads unknown-to-unit and support only for disclosures', () => {
    const notExposed = classify({ kandSedanTidigare: false, stodErbjudet: true, stodAccepterat: true });
    expect([notExposed.unknownToUnit, notExposed.supportOffered, notExposed.supportAccepted]).toEqual([null, null, null]);
    const exposed = classify({ fysiskt: 'ja', kandSedanTidigare: false, stodErbjudet: true, stodAccepterat: false });
    expect([exposed.unknownToUnit, exposed.supportOffered, exposed.supportAccepted]).toEqual([1, 1, 0]);
    const known = classify({ fysiskt: 'ja', kandSedanTidigare: true, stodErbjudet: null, stodAccepterat: true });
    expect([known.unknownToUnit, known.supportOffered, known.supportAccepted]).toEqual([0, null, null]);
  });

  it('reads acceptance only when support was offered', () => {
    expect(classify({ psykiskt: 'ja', stodErbjudet: false, stodAccepterat: true }).supportAccepted).toBeNull();
    expect(classify({ psykiskt: 'ja', stodErbjudet: true, stodAccepterat: null }).supportAccepted).toBeNull();
  });

  it('names the caller and index for invalid values', () => {
    expect(() => classifyScreeningContact({ ...base, kon: 'K' as never }, 3, 'summariseScreening')).toThrow(
      'summariseScreening: contact 3: kon must be one of kvinna, man, annat, got "K"',
    );
    expect(() => classify({ psykiskt: 'kanske' as never })).toThrow(InvalidInputError);
    expect(() => classify({ enhet: ' ' })).toThrow(/enhet must be a non-empty string/);
    expect(() => classify({ aldersgrupp: undefined as never })).toThrow(/aldersgrupp/);
    expect(() => classify({ tillfragad: 'ja' as never })).toThrow(/tillfragad must be a boolean/);
    expect(() => classify({ stodErbjudet: 'ja' as never })).toThrow(/stodErbjudet must be a boolean or null/);
    expect(() => classify({ verksamhet: '' })).toThrow(/verksamhet/);
  });
});
