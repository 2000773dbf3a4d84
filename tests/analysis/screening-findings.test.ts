import { describe, expect, it } from 'vitest';
import type { ScreeningContact } from '../../domain/screening-contact';
import { formatSwedishInteger, formatSwedishPercent, screeningFindings } from '../../analysis/screening-findings';
import { summariseScreening } from '../../analysis/screening-summary';
import { InvalidInputError } from '../../analysis/invalid-input-error';

const asked = (overrides: Partial<ScreeningContact>): ScreeningContact => ({
  enhet: 'Försörjningsstöd', kon: 'kvinna', aldersgrupp: '30-49', tillfragad: true,
  psykiskt: 'nej', fysiskt: 'nej', sexuellt: 'nej', radd: 'nej', pagaende: 'nej',
  kandSedanTidigare: null, stodErbjudet: null, stodAccepterat: null, ...overrides,
});
const times = (n: number, c: ScreeningContact) => Array.from({ length: n }, () => c);

// A Mjölby-like month for women on försörjningsstöd:
// 60 contacts, 3 not asked (2 "tolk saknades", 1 blank), 57 asked.
// 46 exposed: 29 not known before (22 + 1 + 6), 17 known; support offered to 22 + 1 + 17 = 40,
// acceptance recorded for 39 of them, 22 accepted. 11 asked and not exposed (all nej).
const mjolby: ScreeningContact[] = [
  ...times(22, asked({ psykiskt: 'ja', kandSedanTidigare: false, stodErbjudet: true, stodAccepterat: true })),
  asked({ psykiskt: 'ja', kandSedanTidigare: false, stodErbjudet: true, stodAccepterat: null }),
  ...times(6, asked({ psykiskt: 'ja', kandSedanTidigare: false, stodErbjudet: false })),
  ...times(17, asked({ psykiskt: 'ja', kandSedanTidigare: true, stodErbjudet: true, stodAccepterat: false })),
  ...times(11, asked({})),
  ...times(2, asked({ tillfragad: false, orsakEjTillfragad: 'tolk saknades' })),
  asked({ tillfragad: false }),
];

describe('screeningFindings', () => {
  it('writes the nämnd sentence for a group, with Swedish number formatting', () => {
    // Hand count: asked 57, utsatt 46/57 = 80.7 % → "81 %";
    // R: prop.test(46, 57, correct = FALSE)$conf.int → 0.6865930975 0.8886725302 → "69–89 %".
    // Unknown to the unit: 22 + 7 = 29 (känd = nej), of 46 recorded.
    // Offered: 22 + 1 + 17 = 40 of 46 (87 %); accepted 22 of the 39 offered with acceptance recorded (56.4 % → 56 %).
    const summary = summariseScreening(mjolby, { by: [['enhet', 'kon']] });
    const { findings } = screeningFindings(summary, { unitPhrases: { Försörjningsstöd: 'på försörjningsstöd' } });
    expect(findings[2]).toBe(
      'Av 57 tillfrågade kvinnor på försörjningsstöd svarade 46 (81 %, 95 % KI 69–89 %) att de någon gång utsatts för våld av närstående; 29 av dem var inte kända för verksamheten.',
    );
    expect(findings[3]).toBe('Stöd erbjöds 40 av 46 som berättade om våld (87 %) och 22 av 39 som erbjöds stöd tackade ja (56 %).');
    expect(findings[0]).toMatch(/^Av 57 tillfrågade klienter svarade 46 /);
  });

  it('writes the method section with coverage, reasons and the clientele caveat', () => {
    const summary = summariseScreening(mjolby, { by: [['enhet']] });
    const { method } = screeningFindings(summary, { period: 'november 2014', reasonLabels: { 'tolk saknades': 'tolk saknades (kodat)' } });
    // 57 of 60 asked = 95 %.
    expect(method[0]).toBe(
      'Under kartläggningsmånaden (november 2014) registrerades 60 klientkontakter. 57 av dem (95 %) tillfrågades om våld i nära relationer och 3 tillfrågades inte.',
    );
    expect(method[1]).toBe('Skäl till att inte fråga: tolk saknades (kodat) (2) och inget skäl angivet (1).');
    const text = method.join(' ');
    expect(text).toContain('inte kommunens befolkning');
    expect(text).toContain('befolkningsundersökningar');
    expect(text).toContain('Wilson');
    expect(text).toContain('färre än 5 kontakter redovisas inte');
  });

  it('says "som besvarade frågorna" when not everyone asked answered, and notes unrecorded knowledge', () => {
    const contacts = [
      ...times(4, asked({ psykiskt: 'ja', kandSedanTidigare: false })),
      asked({ psykiskt: 'ja', kandSedanTidigare: null }),
      ...times(3, asked({})),
      asked({ psykiskt: 'vill_ej_svara' }),
    ];
    // utsatt 5/8 (the vill_ej_svara with nej, nej is left out) = 62.5 % → "62,5 %" with one decimal;
    // R: prop.test(5, 8, correct = FALSE)$conf.int → 0.3057423946 0.8631557142 → "30,6–86,3 %"
    const { findings } = screeningFindings(summariseScreening(contacts), { percentDecimals: 1 });
    expect(findings[0]).toBe(
      'Av 8 tillfrågade klienter som besvarade frågorna svarade 5 (62,5 %, 95 % KI 30,6–86,3 %) att de någon gång utsatts för våld av närstående; 4 av de 4 där det var antecknat var inte kända för verksamheten.',
    );
  });

  it('says so when all disclosures were already known', () => {
    const contacts = [...times(3, asked({ sexuellt: 'ja', kandSedanTidigare: true })), ...times(2, asked({}))];
    const { findings } = screeningFindings(summariseScreening(contacts));
    expect(findings[0]).toMatch(/; alla var kända för verksamheten sedan tidigare\.$/);
  });

  it('gives suppressed groups a sentence without numbers, and handles groups nobody was asked in', () => {
    const contacts = [...times(5, asked({ tillfragad: false, kon: 'man' })), ...times(2, asked({ kon: 'annat', psykiskt: 'ja' }))];
    const { findings } = screeningFindings(summariseScreening(contacts, { by: [['kon']] }));
    expect(findings).toEqual([
      'Av 2 tillfrågade klienter svarade 2 (100 %, 95 % KI 34–100 %) att de någon gång utsatts för våld av närstående.',
      'Uppgifter för personer som angett annat kön redovisas inte eftersom färre än 5 kontakter registrerades.',
      'Ingen av de 5 män tillfrågades om våld.',
    ]);
  });

  it('says in how many disclosures children were affected (barn_berorda), among those where it was recorded', () => {
    // The 46 disclosures of the Mjölby-like month: barn ja on 18, nej on 20, not recorded on 8; the 11 not exposed say ja (not counted).
    let disclosure = 0;
    const contacts = mjolby.map((c) => {
      if (c.tillfragad && c.psykiskt === 'ja') {
        disclosure++;
        return { ...c, barnBerorda: disclosure <= 18 ? true : disclosure <= 38 ? false : null };
      }
      return c.tillfragad ? { ...c, barnBerorda: true } : c;
    });
    const { findings, method } = screeningFindings(summariseScreening(contacts));
    // 18/38 = 47.4 % → "47 %"; R: prop.test(18, 38, correct = FALSE)$conf.int → 0.3247902332 0.6274102862 → "32–63 %"
    expect(findings[2]).toBe('Barn berördes av våldet hos 18 av 38 som berättade om våld och där det var antecknat (47 %, 95 % KI 32–63 %).');
    expect(method.join(' ')).toContain('”Barn berördes”');
    // Without barn_berorda recorded there is no such sentence.
    expect(screeningFindings(summariseScreening(mjolby)).findings.join(' ')).not.toContain('Barn berördes');
  });

  it('rejects bad options', () => {
    expect(() => screeningFindings({ groups: [] }, { percentDecimals: 5 })).toThrow(InvalidInputError);
    expect(() => screeningFindings({ groups: [] }, { minCell: -1 })).toThrow(/screeningFindings: minCell/);
  });
});

describe('Swedish number formatting', () => {
  it('groups thousands with a space', () => {
    expect(formatSwedishInteger(57)).toBe('57');
    expect(formatSwedishInteger(1360)).toBe('1 360');
    expect(formatSwedishInteger(1234567)).toBe('1 234 567');
    expect(() => formatSwedishInteger(1.5)).toThrow(InvalidInputError);
  });

  it('writes percentages with a decimal comma and a space before %', () => {
    expect(formatSwedishPercent(46 / 57)).toBe('81 %');
    expect(formatSwedishPercent(46 / 57, 1)).toBe('80,7 %');
    expect(formatSwedishPercent(0.145)).toBe('15 %');
    expect(formatSwedishPercent(0)).toBe('0 %');
    expect(formatSwedishPercent(1, 1)).toBe('100,0 %');
    expect(() => formatSwedishPercent(1.2)).toThrow(/formatSwedishPercent/);
  });
});
