import { it } from 'vitest';
import { summariseScreening } from '../analysis/screening-summary';
import type { ScreeningContact } from '../domain/screening-contact';
const answerOf = { j: 'ja', n: 'nej', v: 'vill_ej_svara', '-': null } as const;
const yesNo = { j: true, n: false, '-': null } as const;
function contact(enhet: string, kon: any, aldersgrupp: string, asked: boolean, answers: string, followUp = '---', orsakEjTillfragad?: string): ScreeningContact {
  const a = [...answers].map((l) => answerOf[l as keyof typeof answerOf]);
  const f = [...followUp].map((l) => yesNo[l as keyof typeof yesNo]);
  return { enhet, kon, aldersgrupp, tillfragad: asked, orsakEjTillfragad, psykiskt: a[0], fysiskt: a[1], sexuellt: a[2], radd: a[3], pagaende: a[4], kandSedanTidigare: f[0], stodErbjudet: f[1], stodAccepterat: f[2] } as any;
}
const contacts = [
  contact('A', 'kvinna', '18-29', true, 'jnnjj', 'njj'), contact('A', 'kvinna', '30-49', true, 'nnnnn'), contact('A', 'kvinna', '30-49', true, 'vj-nv', 'jjn'),
  contact('A', 'man', '18-29', true, 'nnvnn'), contact('A', 'man', '30-49', false, 'jjjjj', 'njj', 'tolk saknades'), contact('A', 'kvinna', '18-29', false, '-----', '---', ''),
  contact('A', 'kvinna', '50-64', true, '-----'), contact('A', 'man', '50-64', true, 'jjjjn', 'nn-'), contact('B', 'kvinna', '18-29', true, 'jnnnn', '-j-'),
  contact('B', 'kvinna', '30-49', true, 'nnnnn'), contact('B', 'man', '30-49', true, 'njnjj', 'n--'), contact('B', 'man', '18-29', false, '-----', '---', 'tolk saknades'),
  contact('B', 'kvinna', '30-49', true, 'nnnv-'), contact('B', 'annat', '18-29', true, 'jnnnn', 'jjj'), contact('C', 'kvinna', '18-29', true, 'nnnnn'),
  contact('C', 'kvinna', '18-29', true, 'jnnnn', 'njj'), contact('C', 'man', '18-29', false, '-----', '---', 'klienten i kris'),
];
it('x', () => {
  for (const g of summariseScreening(contacts, { by: [['kon'], ['enhet', 'kon']], minCell: 5 }).groups) console.log(JSON.stringify(g.group), g.suppressed ? g.reason : `${g.contacts} asked ${g.asked} cov ${g.coverage.suppressed ? g.coverage.reason : g.coverage.x} utsatt ${g.disclosure.utsatt.suppressed ? g.disclosure.utsatt.reason : g.disclosure.utsatt.x}`);
  const big = [...contacts, ...contacts, ...contacts].map((c, i) => ({ ...c, enhet: c.enhet }));
  for (const g of summariseScreening(big, { by: [['enhet']], minCell: 5 }).groups) console.log('big', JSON.stringify(g.group), g.suppressed ? g.reason : `${g.contacts} asked ${g.asked} cov ${g.coverage.suppressed ? g.coverage.reason : g.coverage.x} utsatt ${g.disclosure.utsatt.suppressed ? g.disclosure.utsatt.reason : g.disclosure.utsatt.x + '/' + g.disclosure.utsatt.n} reasons ${JSON.stringify(g.notAskedReasons)}`);
});
