import { describe, expect, it } from 'vitest';
import type { ScreeningAnswer, ScreeningContact, ScreeningKon } from '../../domain/screening-contact';
import { summariseScreening, type ScreeningGroupSummary } from '../../analysis/screening-summary';
import { InvalidInputError } from '../../analysis/invalid-input-error';

const answerOf = { j: 'ja', n: 'nej', v: 'vill_ej_svara', '-': null } as const satisfies Record<string, ScreeningAnswer | null>;
const yesNo = { j: true, n: false, '-': null } as const;

/**
 * Compact contact: answers as five letters for psykiskt, fysiskt, sexuellt,
 * radd, pagaende (j = ja, n = nej, v = vill_ej_svara, - = unanswered), then
 * känd, erbjudet, accepterat (j/n/-). asked = false gives tillfragad = nej.
 */
function contact(
  enhet: string,
  kon: ScreeningKon,
  aldersgrupp: string,
  asked: boolean,
  answers: string,
  followUp = '---',
  orsakEjTillfragad?: string,
): ScreeningContact {
  const a = [...answers].map((letter) => answerOf[letter as keyof typeof answerOf]);
  const f = [...followUp].map((letter) => yesNo[letter as keyof typeof yesNo]);
  return {
    enhet, kon, aldersgrupp, tillfragad: asked, orsakEjTillfragad,
    psykiskt: a[0], fysiskt: a[1], sexuellt: a[2], radd: a[3], pagaende: a[4],
    kandSedanTidigare: f[0], stodErbjudet: f[1], stodAccepterat: f[2],
  };
}

// The hand-computed data set: 17 contacts in three units.
//  #  enhet kon    age   asked answers(p f s r pa) känd erb acc   → utsatt
const contacts: ScreeningContact[] = [
  contact('A', 'kvinna', '18-29', true, 'jnnjj', 'njj'), //  1 → 1, unknown 1, offered 1, accepted 1
  contact('A', 'kvinna', '30-49', true, 'nnnnn'), //           2 → 0
  contact('A', 'kvinna', '30-49', true, 'vj-nv', 'jjn'), //    3 → 1 (fysiskt), unknown 0, offered 1, accepted 0
  contact('A', 'man', '18-29', true, 'nnvnn'), //              4 → missing (nej, nej, vill_ej_svara)
  contact('A', 'man', '30-49', false, 'jjjjj', 'njj', 'tolk saknades'), // 5 not asked; answers ignored
  contact('A', 'kvinna', '18-29', false, '-----', '---', ''), //  6 not asked, no reason → ej_angiven
  contact('A', 'kvinna', '50-64', true, '-----'), //           7 → missing (nothing answered)
  contact('A', 'man', '50-64', true, 'jjjjn', 'nn-'), //       8 → 1, unknown 1, offered 0
  contact('B', 'kvinna', '18-29', true, 'jnnnn', '-j-'), //    9 → 1, unknown missing, offered 1, accepted missing
  contact('B', 'kvinna', '30-49', true, 'nnnnn'), //          10 → 0
  contact('B', 'man', '30-49', true, 'njnjj', 'n--'), //      11 → 1, unknown 1, offered missing
  contact('B', 'man', '18-29', false, '-----', '---', 'tolk saknades'), // 12 not asked
  contact('B', 'kvinna', '30-49', true, 'nnnv-'), //          13 → 0; radd and pagaende missing
  contact('B', 'annat', '18-29', true, 'jnnnn', 'jjj'), //    14 → 1, unknown 0, offered 1, accepted 1
  contact('C', 'kvinna', '18-29', true, 'nnnnn'), //          15 → 0
  contact('C', 'kvinna', '18-29', true, 'jnnnn', 'njj'), //   16 → 1, unknown 1, offered 1, accepted 1
  contact('C', 'man', '18-29', false, '-----', '---', 'klienten i kris'), // 17 not asked
];

const shown = (group: unknown): ScreeningGroupSummary => {
  expect((group as ScreeningGroupSummary).suppressed).toBe(false);
  return group as ScreeningGroupSummary;
};
const xn = (value: { x: number; n: number }) => [value.x, value.n];

describe('summariseScreening', () => {
  it('counts the total by hand', () => {
    const total = shown(summariseScreening(contacts).groups[0]);
    expect(total.group).toEqual({});
    // Not asked: 5, 6, 12, 17 → asked 13 of 17.
    expect([total.contacts, total.asked]).toEqual([17, 13]);
    expect(xn(total.coverage)).toEqual([13, 17]);
    // R: prop.test(13, 17, correct = FALSE)$conf.int → 0.5273820188 0.9044495568
    expect(total.coverage.p).toBeCloseTo(13 / 17, 14);
    expect(total.coverage.ci![0]).toBeCloseTo(0.5273820188, 9);
    expect(total.coverage.ci![1]).toBeCloseTo(0.9044495568, 9);
    // Reasons sorted (Swedish collation): ej_angiven (6), klienten i kris (17), tolk saknades (5, 12).
    expect(Object.entries(total.notAskedReasons)).toEqual([
      ['ej_angiven', 1],
      ['klienten i kris', 1],
      ['tolk saknades', 2],
    ]);
    // Among the 13 asked:
    // psykiskt ja: 1, 8, 9, 14, 16 = 5; nej: 2, 4, 10, 11, 13, 15 = 6 → 5/11 (3 vill_ej_svara and 7 blank left out)
    // fysiskt ja: 3, 8, 11 = 3; only 7 blank → 3/12
    // sexuellt ja: 8 → 1; 3 blank, 4 vill_ej_svara, 7 blank left out → 1/10
    // radd ja: 1, 8, 11 = 3; 7 blank, 13 vill_ej_svara → 3/11
    // pagaende ja: 1, 11 = 2; 3 vill_ej_svara, 7 and 13 blank → 2/10
    // utsatt 1: 1, 3, 8, 9, 11, 14, 16 = 7; 0: 2, 10, 13, 15 = 4; missing 4, 7 → 7/11
    const d = total.disclosure;
    expect(Object.keys(d)).toEqual(['utsatt', 'psykiskt', 'fysiskt', 'sexuellt', 'radd', 'pagaende']);
    expect([xn(d.utsatt), xn(d.psykiskt), xn(d.fysiskt), xn(d.sexuellt), xn(d.radd), xn(d.pagaende)]).toEqual([
      [7, 11], [5, 11], [3, 12], [1, 10], [3, 11], [2, 10],
    ]);
    // R: prop.test(7, 11, correct = FALSE)$conf.int → 0.3538011745 0.8483352890
    expect(d.utsatt.ci![0]).toBeCloseTo(0.3538011745, 9);
    expect(d.utsatt.ci![1]).toBeCloseTo(0.848335289, 9);
    // R: prop.test(3, 12, correct = FALSE)$conf.int → 0.0889416684 0.5323053349
    expect(d.fysiskt.ci![0]).toBeCloseTo(0.0889416684, 9);
    expect(d.fysiskt.ci![1]).toBeCloseTo(0.5323053349, 9);
    // Disclosures 1, 3, 8, 9, 11, 14, 16. Känd nej: 1, 8, 11, 16; ja: 3, 14; blank: 9 → 4/6.
    expect(xn(total.unknownToUnit)).toEqual([4, 6]);
    // R: prop.test(4, 6, correct = FALSE)$conf.int → 0.2999933151 0.9032285889
    expect(total.unknownToUnit.ci![0]).toBeCloseTo(0.2999933151, 9);
    expect(total.unknownToUnit.ci![1]).toBeCloseTo(0.9032285889, 9);
    // Offered ja: 1, 3, 9, 14, 16; nej: 8; blank: 11 → 5/6. Accepted among offered: ja 1, 14, 16; nej 3; blank 9 → 3/4.
    expect(xn(total.supportOffered)).toEqual([5, 6]);
    expect(xn(total.supportAccepted)).toEqual([3, 4]);
    // R: prop.test(3, 4, correct = FALSE)$conf.int → 0.3006418426 0.9544127392
    expect(total.supportAccepted.ci![0]).toBeCloseTo(0.3006418426, 9);
    expect(total.supportAccepted.ci![1]).toBeCloseTo(0.9544127392, 9);
    expect(total.suppressed).toBe(false);
  });

  it('counts children affected (barn_berorda) among disclosures only', () => {
    // Disclosures 1, 3, 8, 9, 11, 14, 16: barn ja 1, 8, 11; nej 3, 16; not recorded 9 (null), 14 (absent).
    // Contact 2 (not a disclosure) says ja and 5 (not asked) says ja: both left out.
    const barn: Record<number, boolean | null> = { 1: true, 2: true, 3: false, 5: true, 8: true, 9: null, 11: true, 16: false };
    const withChildren = contacts.map((c, i) => (i + 1 in barn ? { ...c, barnBerorda: barn[i + 1] } : c));
    const total = shown(summariseScreening(withChildren).groups[0]);
    expect(xn(total.childrenAffected)).toEqual([3, 5]);
    // R: prop.test(3, 5, correct = FALSE)$conf.int → 0.2307242813 0.8823792258
    expect(total.childrenAffected.ci![0]).toBeCloseTo(0.2307242813, 9);
    expect(total.childrenAffected.ci![1]).toBeCloseTo(0.8823792258, 9);
    // Without the field (a file lacking the column) nothing is counted.
    expect(shown(summariseScreening(contacts).groups[0]).childrenAffected).toEqual({ x: 0, n: 0, p: null, ci: null });
    expect(() => summariseScreening([{ ...contacts[0], barnBerorda: 'ja' as unknown as boolean }])).toThrow(/barnBerorda must be a boolean/);
  });

  it('groups by unit in sorted order and suppresses units under min-cell', () => {
    const { groups } = summariseScreening([...contacts].reverse(), { by: [['enhet']], minCell: 5 });
    expect(groups.map((g) => g.group)).toEqual([{}, { enhet: 'A' }, { enhet: 'B' }, { enhet: 'C' }]);
    const a = shown(groups[1]);
    // A: contacts 1–8, not asked 5, 6 → 6/8; utsatt 1, 3, 8 yes, 2 no, 4 and 7 missing → 3/4
    expect([a.contacts, a.asked]).toEqual([8, 6]);
    expect(a.notAskedReasons).toEqual({ ej_angiven: 1, 'tolk saknades': 1 });
    expect(xn(a.disclosure.utsatt)).toEqual([3, 4]);
    // psykiskt j n v n - j → 2/4; fysiskt n n j n - j → 2/5; sexuellt n n - v - j → 1/3; radd j n n n - j → 2/5; pagaende j n v n - n → 1/4
    expect([xn(a.disclosure.psykiskt), xn(a.disclosure.fysiskt), xn(a.disclosure.sexuellt), xn(a.disclosure.radd), xn(a.disclosure.pagaende)]).toEqual([
      [2, 4], [2, 5], [1, 3], [2, 5], [1, 4],
    ]);
    // unknown: 1 → 1, 3 → 0, 8 → 1 = 2/3; offered 1 ja, 3 ja, 8 nej = 2/3; accepted 1 ja, 3 nej = 1/2
    expect([xn(a.unknownToUnit), xn(a.supportOffered), xn(a.supportAccepted)]).toEqual([[2, 3], [2, 3], [1, 2]]);
    const b = shown(groups[2]);
    // B: contacts 9–14, 12 not asked; utsatt 9, 11, 14 yes, 10, 13 no → 3/5; unknown 11 → 1, 14 → 0, 9 blank → 1/2;
    // offered 9, 14 ja, 11 blank → 2/2; accepted 14 ja, 9 blank → 1/1
    expect([b.contacts, b.asked, ...xn(b.disclosure.utsatt)]).toEqual([6, 5, 3, 5]);
    expect([xn(b.unknownToUnit), xn(b.supportOffered), xn(b.supportAccepted)]).toEqual([[1, 2], [2, 2], [1, 1]]);
    // C has 3 contacts < 5: only group, suppressed and reason.
    expect(groups[3]).toEqual({ group: { enhet: 'C' }, suppressed: true, reason: 'n<5' });
  });

  it('puts the total first, then each grouping in the order given, and crosses dimensions', () => {
    const { groups } = summariseScreening(contacts, { by: [['kon'], ['enhet', 'kon']], minCell: 5 });
    const labels = groups.map((g) => `${JSON.stringify(g.group)}${g.suppressed ? ' suppressed' : ''}`);
    // kon: annat 1 (suppressed), kvinna 10, man 6. enhet × kon: A kvinna 5, A man 3, B annat 1, B kvinna 3, B man 2, C kvinna 2, C man 1.
    expect(labels).toEqual([
      '{}',
      '{"kon":"annat"} suppressed',
      '{"kon":"kvinna"}',
      '{"kon":"man"}',
      '{"enhet":"A","kon":"kvinna"}',
      '{"enhet":"A","kon":"man"} suppressed',
      '{"enhet":"B","kon":"annat"} suppressed',
      '{"enhet":"B","kon":"kvinna"} suppressed',
      '{"enhet":"B","kon":"man"} suppressed',
      '{"enhet":"C","kon":"kvinna"} suppressed',
      '{"enhet":"C","kon":"man"} suppressed',
    ]);
    // kvinna: asked 1, 2, 3, 7, 9, 10, 13, 15, 16 = 9 of 10; utsatt 1, 3, 9, 16 yes; 2, 10, 13, 15 no; 7 missing → 4/8
    const kvinna = shown(groups[2]);
    expect([kvinna.contacts, kvinna.asked, ...xn(kvinna.disclosure.utsatt)]).toEqual([10, 9, 4, 8]);
    // R: prop.test(4, 8, correct = FALSE)$conf.int → 0.2152160622 0.7847839378
    expect(kvinna.disclosure.utsatt.ci![0]).toBeCloseTo(0.2152160622, 9);
    expect(kvinna.disclosure.utsatt.ci![1]).toBeCloseTo(0.7847839378, 9);
    // A × kvinna: contacts 1, 2, 3, 6, 7; asked 4; utsatt 1, 3 yes, 2 no, 7 missing → 2/3
    const aKvinna = shown(groups[4]);
    expect([aKvinna.contacts, aKvinna.asked, ...xn(aKvinna.disclosure.utsatt)]).toEqual([5, 4, 2, 3]);
  });

  it('key order of a group follows the JSON contract', () => {
    const [total] = summariseScreening(contacts).groups;
    expect(Object.keys(total)).toEqual([
      'group', 'contacts', 'asked', 'coverage', 'notAskedReasons', 'disclosure', 'unknownToUnit', 'supportOffered', 'supportAccepted', 'suppressed',
      'childrenAffected',
    ]);
    expect(Object.keys((total as ScreeningGroupSummary).coverage)).toEqual(['x', 'n', 'p', 'ci']);
  });

  it('sorts levels with Swedish collation and numbers in numeric order', () => {
    const units = ['Öppenvård', 'Äldreomsorg', 'Åtgärd', 'Barn och unga'].map((enhet) => contact(enhet, 'kvinna', '5-17', true, 'nnnnn'));
    const ages = ['65+', '18-29', '5-17', '30-49'].map((age) => contact('A', 'man', age, true, 'nnnnn'));
    const { groups } = summariseScreening([...units, ...ages], { by: [['enhet'], ['aldersgrupp']], minCell: 0 });
    expect(groups.slice(1, 6).map((g) => g.group.enhet)).toEqual(['A', 'Barn och unga', 'Åtgärd', 'Äldreomsorg', 'Öppenvård']);
    expect(groups.slice(6).map((g) => g.group.aldersgrupp)).toEqual(['5-17', '18-29', '30-49', '65+']);
  });

  it('gives p = ci = null when nobody in a group can be counted', () => {
    const notAsked = Array.from({ length: 5 }, () => contact('A', 'kvinna', '18-29', false, '-----', '---', 'tidsbrist'));
    const total = shown(summariseScreening(notAsked).groups[0]);
    expect(total.asked).toBe(0);
    expect(total.coverage).toMatchObject({ x: 0, n: 5, p: 0 });
    expect(total.disclosure.utsatt).toEqual({ x: 0, n: 0, p: null, ci: null });
    expect(total.unknownToUnit).toEqual({ x: 0, n: 0, p: null, ci: null });
    expect(total.supportAccepted).toEqual({ x: 0, n: 0, p: null, ci: null });
  });

  it('suppresses the total itself when it has too few contacts, and keeps it with minCell 0', () => {
    expect(summariseScreening(contacts.slice(0, 4)).groups).toEqual([{ group: {}, suppressed: true, reason: 'n<5' }]);
    expect(summariseScreening(contacts.slice(0, 4), { minCell: 20 }).groups[0]).toMatchObject({ reason: 'n<20' });
    expect(summariseScreening([], { minCell: 0 }).groups[0]).toMatchObject({ contacts: 0, coverage: { p: null } });
  });

  it('groups by verksamhet when every contact has one', () => {
    const withVerksamhet = contacts.map((c) => ({ ...c, verksamhet: c.enhet === 'C' ? 'Barn' : 'Vuxen' }));
    const { groups } = summariseScreening(withVerksamhet, { by: [['verksamhet']] });
    expect(groups.map((g) => [g.group.verksamhet, g.suppressed ? 0 : (g as ScreeningGroupSummary).contacts])).toEqual([
      [undefined, 17], ['Barn', 0], ['Vuxen', 14],
    ]);
  });

  it('rejects bad options and bad contacts with InvalidInputError naming the function', () => {
    expect(() => summariseScreening(contacts, { by: [['kommun' as never]] })).toThrow(/summariseScreening: unknown dimension "kommun"/);
    expect(() => summariseScreening(contacts, { by: [[]] })).toThrow(InvalidInputError);
    expect(() => summariseScreening(contacts, { by: [['kon', 'kon']] })).toThrow(/repeated/);
    expect(() => summariseScreening(contacts, { minCell: 2.5 })).toThrow(/minCell/);
    expect(() => summariseScreening(contacts, { minCell: -1 })).toThrow(/minCell/);
    expect(() => summariseScreening(contacts, { by: [['verksamhet']] })).toThrow(/contact 0 has no verksamhet/);
    expect(() => summariseScreening([...contacts, { ...contacts[0], radd: 'kanske' as never }])).toThrow(
      /summariseScreening: contact 17: radd must be one of/,
    );
  });
});
