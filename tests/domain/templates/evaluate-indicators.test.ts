import { describe, expect, it } from 'vitest';
import {
  compileIndicators,
  evaluateIndicators,
  IndicatorCompileError,
  type IndicatorValue,
} from '../../../domain/templates/evaluate-indicators';
import { readTemplate } from './helpers';

const population = readTemplate('befolkningsenkat');
const screening = readTemplate('screening');
const demo = readTemplate('demo');

const FORMS = ['psykiskt', 'hot', 'fysiskt', 'sexuellt', 'ekonomiskt'];
const HRV = ['hrv_partnerval', 'hrv_vanner', 'hrv_klader', 'hrv_fritid', 'hrv_utbildning', 'hrv_hot_rykte', 'hrv_aktenskap', 'hrv_utlandet', 'hrv_konsstympning'];

/** Every population indicator null, then the given overrides: tests assert on the complete record. */
function expectedPopulation(overrides: Record<string, IndicatorValue>): Record<string, IndicatorValue> {
  const all = Object.fromEntries(population.meta.indicators.map((i) => [i.id, null])) as Record<string, IndicatorValue>;
  for (const id of Object.keys(overrides)) {
    if (!(id in all)) throw new Error(`unknown indicator ${id}`);
  }
  return { ...all, ...overrides };
}

/** A respondent who answered "nej" to every gate question. */
function allNo(): Record<string, unknown> {
  const answers: Record<string, unknown> = { samtycke: 'ja', kon: 'kvinna', alder: 40, omrade: 'omrade_1', hushall: ['ensam'], har_partner: 'nej' };
  for (const f of FORMS) answers[`${f}_nagonsin`] = 'nej';
  for (const h of HRV) answers[h] = 'nej';
  answers.barndom_bevittnat = 'nej';
  answers.barndom_utsatt = 'nej';
  answers.egen_nagonsin = 'nej';
  return answers;
}

const ALL_NO_EXPECTED = {
  vinr_livstid: 0,
  vinr_12m: 0,
  psykiskt_12m: 0,
  hot_12m: 0,
  fysiskt_12m: 0,
  sexuellt_12m: 0,
  ekonomiskt_12m: 0,
  psykiskt_livstid: 0,
  partnervald_livstid: 0,
  hrv_nagonsin: 0,
  hrv_12m: 0,
  bevittnat_som_barn: 0,
  egen_vald_12m: 0,
} as const;

describe('evaluateIndicators: population template', () => {
  it('gives null for every indicator when nothing was answered', () => {
    expect(evaluateIndicators(population, {})).toEqual(expectedPopulation({}));
  });

  it('gives 0, not null, for 12-month items hidden because "ever" was nej', () => {
    // 12-month, "by whom", HRV follow-up and help pages are hidden; their gates were answered.
    expect(evaluateIndicators(population, allNo())).toEqual(expectedPopulation(ALL_NO_EXPECTED));
  });

  it('counts an exposed respondent in lifetime, 12-month, form and partner indicators', () => {
    const answers = { ...allNo(), fysiskt_nagonsin: 'ja', fysiskt_12m: 'ja', fysiskt_vem: ['partner', 'syskon'] };
    expect(evaluateIndicators(population, answers)).toEqual(
      expectedPopulation({
        ...ALL_NO_EXPECTED,
        vinr_livstid: 1,
        vinr_12m: 1,
        fysiskt_12m: 1,
        partnervald_livstid: 1,
        // shown (exposed) but not answered: missing
        sokt_hjalp_bland_utsatta: null,
        socialtjanst_bland_utsatta: null,
      }),
    );
  });

  it('treats "lifetime ja, 12 months skipped" as missing for that form, 0 for "any" when other forms are nej', () => {
    const answers = { ...allNo(), psykiskt_nagonsin: 'ja' };
    const result = evaluateIndicators(population, answers);
    expect(result.psykiskt_12m).toBeNull();
    expect(result.psykiskt_livstid).toBe(1);
    expect(result.vinr_livstid).toBe(1);
    expect(result.vinr_12m).toBe(0);
    expect(result.hot_12m).toBe(0);
  });

  it('gives null for "any 12 months" when no 12-month status is known', () => {
    const answers: Record<string, unknown> = { alder: 30 };
    for (const f of FORMS) answers[`${f}_nagonsin`] = 'ja'; // every 12-month follow-up skipped
    const result = evaluateIndicators(population, answers);
    expect(result.vinr_livstid).toBe(1);
    expect(result.vinr_12m).toBeNull();
    for (const f of FORMS) expect(result[`${f}_12m`]).toBeNull();
  });

  it('gives null, not 0, when every relevant item is "vill inte svara"', () => {
    const answers: Record<string, unknown> = { alder: 30 };
    for (const f of FORMS) answers[`${f}_nagonsin`] = 'vill_inte_svara';
    const result = evaluateIndicators(population, answers);
    expect(result.vinr_livstid).toBeNull();
    // the 12-month items are hidden, but their gate was refused: unknown
    expect(result.vinr_12m).toBeNull();
    expect(result.psykiskt_12m).toBeNull();
    expect(result.partnervald_livstid).toBeNull();
  });

  it('uses the available answers when only some items are refused', () => {
    const answers = { ...allNo(), psykiskt_nagonsin: 'vill_inte_svara' };
    const result = evaluateIndicators(population, answers);
    expect(result.vinr_livstid).toBe(0);
    expect(result.psykiskt_livstid).toBeNull();
    expect(result.psykiskt_12m).toBeNull();
    expect(result.fysiskt_12m).toBe(0);
  });

  it('ignores a stale answer to a question hidden by branching', () => {
    const answers = { ...allNo(), psykiskt_12m: 'ja' }; // psykiskt_nagonsin = nej hides psykiskt_12m
    const result = evaluateIndicators(population, answers);
    expect(result.psykiskt_12m).toBe(0);
    expect(result.vinr_12m).toBe(0);
  });

  it('treats a checkbox answered only with "vill inte svara" as unknown', () => {
    const refusedWho: Record<string, unknown> = { alder: 50 };
    for (const f of FORMS) {
      refusedWho[`${f}_nagonsin`] = 'ja';
      refusedWho[`${f}_vem`] = ['vill_inte_svara'];
    }
    expect(evaluateIndicators(population, refusedWho).partnervald_livstid).toBeNull();
    const oneKnown = { ...refusedWho, hot_vem: ['tidigare_partner'] };
    expect(evaluateIndicators(population, oneKnown).partnervald_livstid).toBe(1);
  });

  it('sets every indicator to null outside the population age range, and keeps respondents without an age', () => {
    const exposed: Record<string, unknown> = { ...allNo(), fysiskt_nagonsin: 'ja', fysiskt_12m: 'ja' };
    expect(evaluateIndicators(population, { ...exposed, alder: 16 })).toEqual(expectedPopulation({}));
    expect(evaluateIndicators(population, { ...exposed, alder: 87 })).toEqual(expectedPopulation({}));
    expect(evaluateIndicators(population, { ...exposed, alder: 85 }).vinr_12m).toBe(1);
    // One year outside the frame's 18–85 counts as its edge: the frame counts age at the end of the year.
    expect(evaluateIndicators(population, { ...exposed, alder: 17 }).vinr_12m).toBe(1);
    expect(evaluateIndicators(population, { ...exposed, alder: 86 }).vinr_12m).toBe(1);
    expect(evaluateIndicators(population, { ...exposed, alder: '18' }).vinr_12m).toBe(1);
    const { alder: _omitted, ...noAge } = exposed;
    expect(evaluateIndicators(population, noAge).vinr_12m).toBe(1);
  });

  describe('honour-related violence', () => {
    it('counts forced marriage and the 12-month follow-up', () => {
      const answers = { ...allNo(), hrv_aktenskap: 'ja', hrv_12m: 'nej' };
      const result = evaluateIndicators(population, answers);
      expect(result.hrv_nagonsin).toBe(1);
      expect(result.hrv_12m).toBe(0);
      expect(result.vinr_livstid).toBe(0);
    });

    it('counts könsstympning', () => {
      const answers = { ...allNo(), hrv_konsstympning: 'ja', hrv_12m: 'vill_inte_svara' };
      const result = evaluateIndicators(population, answers);
      expect(result.hrv_nagonsin).toBe(1);
      expect(result.hrv_12m).toBeNull();
    });

    it('treats the FGM item as known when it was not shown (kön = man)', () => {
      const answers: Record<string, unknown> = { kon: 'man', hrv_konsstympning: undefined };
      for (const h of HRV.slice(0, -1)) answers[h] = 'vill_inte_svara';
      // every shown item refused; the hidden FGM item is implied "no" by kön
      expect(evaluateIndicators(population, answers).hrv_nagonsin).toBe(0);
      expect(evaluateIndicators(population, { ...answers, kon: 'vill_inte_svara' }).hrv_nagonsin).toBeNull();
    });
  });

  describe('help seeking among the exposed', () => {
    const exposed = { ...allNo(), sexuellt_nagonsin: 'ja', sexuellt_12m: 'nej' };

    it('is 1/1 when help was sought from socialtjänsten', () => {
      const result = evaluateIndicators(population, { ...exposed, sokt_hjalp: 'ja', hjalp_fran: ['socialtjanst', 'polis'] });
      expect(result.sokt_hjalp_bland_utsatta).toBe(1);
      expect(result.socialtjanst_bland_utsatta).toBe(1);
    });

    it('is 0 for socialtjänsten when help was not sought (hidden item with answered gate)', () => {
      const result = evaluateIndicators(population, { ...exposed, sokt_hjalp: 'nej', ej_sokt_orsak: ['skam'] });
      expect(result.sokt_hjalp_bland_utsatta).toBe(0);
      expect(result.socialtjanst_bland_utsatta).toBe(0);
    });

    it('is missing when the gate was refused', () => {
      const result = evaluateIndicators(population, { ...exposed, sokt_hjalp: 'vill_inte_svara' });
      expect(result.sokt_hjalp_bland_utsatta).toBeNull();
      expect(result.socialtjanst_bland_utsatta).toBeNull();
    });

    it('is outside the population (null) for respondents not exposed', () => {
      const result = evaluateIndicators(population, { ...allNo(), sokt_hjalp: 'ja', hjalp_fran: ['polis'] });
      expect(result.sokt_hjalp_bland_utsatta).toBeNull();
      expect(result.socialtjanst_bland_utsatta).toBeNull();
    });
  });

  describe('children in the household', () => {
    const withChild = { ...allNo(), hushall: ['partner', 'barn_under_18'] };

    it('is 1 when a child noticed the violence in the last 12 months', () => {
      const answers = { ...withChild, hot_nagonsin: 'ja', hot_12m: 'ja', barn_bevittnat_12m: 'ja' };
      expect(evaluateIndicators(population, answers).barn_bevittnat_12m).toBe(1);
    });

    it('treats "vet inte" as missing', () => {
      const answers = { ...withChild, hot_nagonsin: 'ja', hot_12m: 'ja', barn_bevittnat_12m: 'vet_inte' };
      expect(evaluateIndicators(population, answers).barn_bevittnat_12m).toBeNull();
    });

    it('is 0 when nothing happened in the last 12 months (page hidden by answered questions)', () => {
      expect(evaluateIndicators(population, withChild).barn_bevittnat_12m).toBe(0);
    });

    it('is null for respondents without children under 18', () => {
      expect(evaluateIndicators(population, allNo()).barn_bevittnat_12m).toBeNull();
    });
  });

  it('gives null for the own-violence module when its page was switched off (no answers)', () => {
    const { egen_nagonsin: _omitted, ...answers } = allNo();
    expect(evaluateIndicators(population, answers).egen_vald_12m).toBeNull();
    expect(evaluateIndicators(population, { ...answers, egen_nagonsin: 'ja', egen_12m: 'ja' }).egen_vald_12m).toBe(1);
  });
});

describe('evaluateIndicators: screening template', () => {
  const asked = { enhet: 'Försörjningsstöd', kon: 'kvinna', aldersgrupp: '30-44', tillfragad: 'ja' };

  it('gives null for every indicator when the client was not asked', () => {
    expect(evaluateIndicators(screening, { ...asked, tillfragad: 'nej', orsak_ej_tillfragad: 'tolk_saknades' })).toEqual({
      utsatt: null,
      radd: null,
      pagaende: null,
      tidigare_okant: null,
    });
  });

  it('gives 0 when every answer is nej (the hidden "pågående" is implied no)', () => {
    const answers = { ...asked, psykiskt: 'nej', fysiskt: 'nej', sexuellt: 'nej', radd: 'nej' };
    expect(evaluateIndicators(screening, answers)).toEqual({ utsatt: 0, radd: 0, pagaende: 0, tidigare_okant: null });
  });

  it('counts a disclosure unknown to the unit', () => {
    const answers = { ...asked, psykiskt: 'ja', fysiskt: 'nej', sexuellt: 'vill_ej_svara', radd: 'ja', pagaende: 'ja', kand_sedan_tidigare: 'nej' };
    expect(evaluateIndicators(screening, answers)).toEqual({ utsatt: 1, radd: 1, pagaende: 1, tidigare_okant: 1 });
  });

  it('gives null when the client answered "vill ej svara" to everything', () => {
    const answers = { ...asked, psykiskt: 'vill_ej_svara', fysiskt: 'vill_ej_svara', sexuellt: 'vill_ej_svara', radd: 'vill_ej_svara' };
    expect(evaluateIndicators(screening, answers)).toEqual({ utsatt: null, radd: null, pagaende: null, tidigare_okant: null });
  });
});

describe('evaluateIndicators: demo template', () => {
  it('evaluates utsatt_12m with the missing rule', () => {
    expect(evaluateIndicators(demo, { alder: 30, psykiskt_12m: 'nej', fysiskt_12m: 'ja' })).toEqual({ utsatt_12m: 1 });
    expect(evaluateIndicators(demo, { alder: 30, psykiskt_12m: 'nej', fysiskt_12m: 'vill_inte_svara' })).toEqual({ utsatt_12m: 0 });
    expect(evaluateIndicators(demo, { alder: 30, psykiskt_12m: 'vill_inte_svara' })).toEqual({ utsatt_12m: null });
    expect(evaluateIndicators(demo, { alder: 12, fysiskt_12m: 'ja' })).toEqual({ utsatt_12m: null });
  });
});

describe('compileIndicators', () => {
  it('lists indicator ids in template order', () => {
    expect(compileIndicators(population).ids).toEqual(population.meta.indicators.map((i) => i.id));
  });

  it('returns a fresh object per call, so memoised results cannot be changed by callers', () => {
    const compiled = compileIndicators(population);
    const first = compiled.evaluate(allNo());
    first.vinr_livstid = 1;
    expect(compiled.evaluate(allNo()).vinr_livstid).toBe(0);
  });

  it('does not mix up memoised answer patterns (results do not depend on evaluation order)', () => {
    const values = ['ja', 'nej', 'vill_inte_svara', undefined];
    const responses: Record<string, unknown>[] = [];
    for (let i = 0; i < 300; i++) {
      const answers: Record<string, unknown> = { alder: 10 + (i % 80) };
      FORMS.forEach((f, j) => {
        answers[`${f}_nagonsin`] = values[(i + j) % 4];
        answers[`${f}_12m`] = values[(i * 3 + j) % 4];
        answers[`${f}_vem`] = i % 5 === j ? ['partner'] : undefined;
      });
      responses.push(answers);
    }
    const forward = compileIndicators(population);
    const backward = compileIndicators(population);
    const a = responses.map((r) => forward.evaluate(r));
    const b = [...responses].reverse().map((r) => backward.evaluate(r)).reverse();
    expect(a).toEqual(b);
    expect(new Set(a.map((r) => JSON.stringify(r))).size).toBeGreaterThan(5);
  });

  it('throws IndicatorCompileError for an expression that does not parse', () => {
    const broken = structuredClone(demo);
    broken.meta.indicators[0].expression = "{psykiskt_12m} = = 'ja' or (";
    expect(() => compileIndicators(broken)).toThrow(IndicatorCompileError);
  });
});
