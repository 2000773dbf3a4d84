import { describe, expect, it } from 'vitest';
import type { ScreeningAnswer, ScreeningContact, ScreeningKon } from '../../domain/screening-contact';
import { summariseScreening, type ScreeningGroupSummary } from '../../analysis/screening-summary';
import { InvalidInputError } from '../../analysis/invalid-input-error';
import { crossingRelations } from '../../analysis/crossing-relations';
import { mulberry32 } from '../../analysis/mulberry32';
import { derivable } from './linear-audit';

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
const xn = (value: { x: number | null; n: number | null }) => [value.x, value.n];

describe('summariseScreening', () => {
  // The counting tests turn suppression off (minCell 0): the hand-counted data set is small on purpose.
  it('counts the total by hand', () => {
    const total = shown(summariseScreening(contacts, { minCell: 0 }).groups[0]);
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
    // minCell 1: the 3 of 5 is below the default 5 and would be suppressed.
    const total = shown(summariseScreening(withChildren, { minCell: 1 }).groups[0]);
    expect(xn(total.childrenAffected)).toEqual([3, 5]);
    // R: prop.test(3, 5, correct = FALSE)$conf.int → 0.2307242813 0.8823792258
    expect(total.childrenAffected.ci![0]).toBeCloseTo(0.2307242813, 9);
    expect(total.childrenAffected.ci![1]).toBeCloseTo(0.8823792258, 9);
    // Without the field (a file lacking the column) nothing is counted.
    expect(shown(summariseScreening(contacts).groups[0]).childrenAffected).toEqual({ x: 0, n: 0, p: null, ci: null, suppressed: false, flags: [] });
    expect(() => summariseScreening([{ ...contacts[0], barnBerorda: 'ja' as unknown as boolean }])).toThrow(/barnBerorda must be a boolean/);
  });

  it('groups by unit in sorted order', () => {
    const { groups } = summariseScreening([...contacts].reverse(), { by: [['enhet']], minCell: 0 });
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
    expect(shown(groups[3]).contacts).toBe(3);
  });

  it('suppresses a unit under min-cell, and the next smallest unit so that it is not the total minus the others', () => {
    const { groups } = summariseScreening(contacts, { by: [['enhet']], minCell: 5 });
    // C has 3 contacts < 5; B (6) is smaller than A (8), so B is hidden with it: 17 − 8 leaves B + C.
    expect(groups.slice(2)).toEqual([
      { group: { enhet: 'B' }, suppressed: true, reason: 'secondary' },
      { group: { enhet: 'C' }, suppressed: true, reason: 'n<5' },
    ]);
    const a = shown(groups[1]);
    // A: asked 6 of 8 is shown; utsatt 3 of 4 is not (both below 5), nor anything counted within it.
    expect(a.coverage).toMatchObject({ x: 6, n: 8, suppressed: false, flags: ['n<30', 'ciWidth>0.30'] });
    expect(a.disclosure.utsatt).toEqual({ x: null, n: null, p: null, ci: null, suppressed: true, reason: 'n<5' });
    expect(a.unknownToUnit).toMatchObject({ suppressed: true, reason: 'secondary' });
    // The reasons, 1 and 1, are below 5.
    expect(a.notAskedReasons).toEqual({ ej_angiven: null, 'tolk saknades': null });
    // The total: 13 of 17 asked; 7 of 11 utsatt has 4 answering no, but the numerator 7 and denominator 11 are shown.
    const total = shown(groups[0]);
    expect(total.disclosure.utsatt).toMatchObject({ x: 7, n: 11, suppressed: false });
    // sexuellt 1 of 10 is not.
    expect(total.disclosure.sexuellt).toMatchObject({ suppressed: true, reason: 'x<5' });
  });

  it('puts the total first, then each grouping in the order given, and crosses dimensions', () => {
    const { groups } = summariseScreening(contacts, { by: [['kon'], ['enhet', 'kon']], minCell: 0 });
    expect(groups.map((g) => JSON.stringify(g.group))).toEqual([
      '{}', '{"kon":"annat"}', '{"kon":"kvinna"}', '{"kon":"man"}', '{"enhet":"A","kon":"kvinna"}', '{"enhet":"A","kon":"man"}',
      '{"enhet":"B","kon":"annat"}', '{"enhet":"B","kon":"kvinna"}', '{"enhet":"B","kon":"man"}', '{"enhet":"C","kon":"kvinna"}', '{"enhet":"C","kon":"man"}',
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

  it('suppresses crossings with their margins: no hidden group is a margin minus the shown groups', () => {
    const { groups } = summariseScreening(contacts, { by: [['kon'], ['enhet', 'kon']], minCell: 5 });
    const labels = groups.map((g) => `${JSON.stringify(g.group)}${g.suppressed ? ` ${g.reason}` : ''}`);
    // kon: annat 1, kvinna 10, man 6: annat is below 5 and man goes with it. enhet × kon: only A × kvinna (5) has 5.
    expect(labels).toEqual([
      '{}', '{"kon":"annat"} n<5', '{"kon":"kvinna"}', '{"kon":"man"} secondary', '{"enhet":"A","kon":"kvinna"}', '{"enhet":"A","kon":"man"} n<5',
      '{"enhet":"B","kon":"annat"} n<5', '{"enhet":"B","kon":"kvinna"} n<5', '{"enhet":"B","kon":"man"} n<5', '{"enhet":"C","kon":"kvinna"} n<5', '{"enhet":"C","kon":"man"} n<5',
    ]);
    // A × kvinna: 4 of 5 asked, so the coverage (and all within it) is not shown: the "0 av 1" of the issue cannot happen.
    const aKvinna = shown(groups[4]);
    expect(aKvinna.asked).toBeNull();
    expect(aKvinna.coverage).toMatchObject({ suppressed: true, reason: 'x<5' });
    expect(aKvinna.disclosure.utsatt).toMatchObject({ suppressed: true, reason: 'secondary' });
  });

  it('key order of a group follows the JSON contract', () => {
    const [total] = summariseScreening(contacts).groups;
    expect(Object.keys(total)).toEqual([
      'group', 'contacts', 'asked', 'coverage', 'notAskedReasons', 'disclosure', 'unknownToUnit', 'supportOffered', 'supportAccepted', 'suppressed',
      'childrenAffected',
    ]);
    expect(Object.keys((total as ScreeningGroupSummary).coverage)).toEqual(['x', 'n', 'p', 'ci', 'suppressed', 'flags']);
    expect(Object.keys((total as ScreeningGroupSummary).disclosure.sexuellt)).toEqual(['x', 'n', 'p', 'ci', 'suppressed', 'reason']);
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
    expect(total.disclosure.utsatt).toEqual({ x: 0, n: 0, p: null, ci: null, suppressed: false, flags: [] });
    expect(total.unknownToUnit).toEqual({ x: 0, n: 0, p: null, ci: null, suppressed: false, flags: [] });
    expect(total.supportAccepted).toEqual({ x: 0, n: 0, p: null, ci: null, suppressed: false, flags: [] });
  });

  it('suppresses the total itself when it has too few contacts, and keeps it with minCell 0', () => {
    expect(summariseScreening(contacts.slice(0, 4)).groups).toEqual([{ group: {}, suppressed: true, reason: 'n<5' }]);
    expect(summariseScreening(contacts.slice(0, 4), { minCell: 20 }).groups[0]).toMatchObject({ reason: 'n<20' });
    expect(summariseScreening([], { minCell: 0 }).groups[0]).toMatchObject({ contacts: 0, coverage: { p: null } });
  });

  it('groups by verksamhet when every contact has one', () => {
    const withVerksamhet = contacts.map((c) => ({ ...c, verksamhet: c.enhet === 'C' ? 'Barn' : 'Vuxen' }));
    const { groups } = summariseScreening(withVerksamhet, { by: [['verksamhet']], minCell: 0 });
    expect(groups.map((g) => [g.group.verksamhet, g.suppressed ? 0 : (g as ScreeningGroupSummary).contacts])).toEqual([
      [undefined, 17], ['Barn', 3], ['Vuxen', 14],
    ]);
    // With two verksamheter, hiding Barn (3) means hiding Vuxen too: 17 − 14 = 3.
    expect(summariseScreening(withVerksamhet, { by: [['verksamhet']] }).groups.slice(1).map((g) => g.suppressed && g.reason)).toEqual(['n<5', 'secondary']);
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

describe('property: in random screening months no count below min-cell is shown or can be derived', () => {
  const random = mulberry32(16);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const answer = () => pick(['j', 'n', 'n', 'n', 'v', '-'] as const);

  it('holds for contacts, asked and every share, across units, kön and their crossing', () => {
    const by = [['enhet'], ['kon'], ['enhet', 'kon']] as const;
    let hiddenShares = 0;
    for (let trial = 0; trial < 60; trial++) {
      const units = ['A', 'B', 'C', 'D'].slice(0, 2 + Math.floor(random() * 3));
      const month = Array.from({ length: 10 + Math.floor(random() * 70) }, () =>
        contact(pick(units), pick(['kvinna', 'kvinna', 'man', 'annat'] as const), '30-49', random() < 0.85, Array.from({ length: 5 }, answer).join(''), Array.from({ length: 3 }, () => pick(['j', 'n', '-'])).join('')),
      );
      const { groups } = summariseScreening(month, { by: by.map((g) => [...g]), minCell: 5 });
      const layout = crossingRelations(groups.map((g) => g.group as Record<string, string>));
      const audit = (hidden: (g: (typeof groups)[number]) => boolean) => {
        const unknown = layout.cells.map((_, c) => layout.unpublished[c]);
        groups.forEach((g, i) => (unknown[layout.indexOfGiven[i]] = hidden(g)));
        return derivable(layout.relations, unknown).filter((c) => !layout.unpublished[c]);
      };
      expect(audit((g) => g.suppressed)).toEqual([]);
      const shares = ['coverage', 'utsatt', 'psykiskt', 'sexuellt', 'unknownToUnit', 'supportOffered', 'supportAccepted'] as const;
      for (const name of shares) {
        const shareOf = (g: ScreeningGroupSummary) => (name === 'coverage' ? g.coverage : name in g.disclosure ? g.disclosure[name as 'utsatt'] : g[name as 'unknownToUnit']);
        expect(audit((g) => g.suppressed || shareOf(g).suppressed)).toEqual([]);
        for (const g of groups) {
          if (g.suppressed) continue;
          const share = shareOf(g);
          if (share.suppressed) {
            hiddenShares++;
            continue;
          }
          for (const count of [share.x, share.n]) expect(count === 0 || count >= 5, `${name} ${JSON.stringify(g.group)} ${share.x}/${share.n}`).toBe(true);
        }
      }
    }
    expect(hiddenShares).toBeGreaterThan(100);
  });
});
