/**
 * analyzeSurvey's complementary suppression of domain tables: the case (kön = annat with n = 1
 * next to the total of 40, kvinna and man), crossings, and the mörkertal's registered counts.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSurvey, respondentColumnRoles, respondentColumnsFromRecords, type RespondentRecord } from '../../analysis/index';
import { derivableSuppressedCells } from '../../analysis/complementary-suppression';
import { crossingRelations } from '../../analysis/crossing-relations';

function respondents(): RespondentRecord[] {
  const rows: RespondentRecord[] = [];
  const add = (count: number, kon: string, grupp: string) => {
    for (let i = 0; i < count; i++) rows.push({ kon, grupp, utsatt: i % 3 === 0 ? 1 : 0 });
  };
  add(12, 'kvinna', 'a');
  add(8, 'kvinna', 'b');
  add(10, 'man', 'a');
  add(9, 'man', 'b');
  add(1, 'annat', 'a');
  return rows;
}

const analyze = (by: string[][], registered?: { rows: Record<string, string | number>[] }) =>
  analyzeSurvey({
    respondents: respondentColumnsFromRecords(respondents(), respondentColumnRoles({ indicators: ['utsatt'] })),
    population: [{ columns: ['antal'], rows: [{ antal: 4000 }] }],
    registered,
    options: { indicators: ['utsatt'], margins: [], by, minCell: 5 },
  });

describe('complementary suppression in analyzeSurvey', () => {
  it('hides the smallest other level of kön when annat has one respondent, so it cannot be the total minus kvinna and man', () => {
    const { estimates } = analyze([['kon']]);
    const byKon = Object.fromEntries(estimates.map((e) => [e.domain.kon ?? 'alla', e]));
    expect(byKon.alla.suppressed).toBe(false);
    expect(byKon.kvinna.suppressed).toBe(false);
    expect(byKon.annat).toMatchObject({ suppressed: true, reason: 'n<5', n: 1, proportion: null });
    expect(byKon.man).toMatchObject({ suppressed: true, reason: 'secondary', n: 19, proportion: null, total: null, ci: null });
  });

  it('protects the crossing kön × grupp and its margins together', () => {
    const { estimates } = analyze([['kon'], ['grupp'], ['kon', 'grupp']]);
    const layout = crossingRelations(estimates.map((e) => e.domain));
    const suppressed = layout.cells.map((_, i) => i < estimates.length && estimates[i].suppressed);
    expect(derivableSuppressedCells(layout.relations, suppressed, [...layout.unpublished])).toEqual([]);
    const hidden = estimates.filter((e) => e.suppressed).map((e) => `${JSON.stringify(e.domain)} ${e.reason}`);
    // man and man × a close the cycle annat – annat × a – grupp a – man × a – man – the total.
    expect(hidden).toEqual(['{"kon":"annat"} n<5', '{"kon":"man"} secondary', '{"kon":"annat","grupp":"a"} n<5', '{"kon":"man","grupp":"a"} secondary']);
  });

  it('hides a second registered count when one is below 5', () => {
    const { darkFigure } = analyze([['kon']], {
      rows: [
        { indikator: 'utsatt', kon: '', antal: 60 },
        { indikator: 'utsatt', kon: 'kvinna', antal: 40 },
        { indikator: 'utsatt', kon: 'man', antal: 17 },
        { indikator: 'utsatt', kon: 'annat', antal: 3 },
      ],
    });
    const byKon = Object.fromEntries(darkFigure.map((d) => [d.domain.kon ?? 'alla', d]));
    expect(byKon.alla).toMatchObject({ suppressed: false, registered: 60 });
    expect(byKon.kvinna).toMatchObject({ suppressed: false, registered: 40 });
    // annat: its estimate is hidden (n = 1) and its count is below 5; man: its estimate is hidden secondarily.
    expect(byKon.annat).toMatchObject({ suppressed: true, registered: null, reason: 'registered<5' });
    expect(byKon.man).toMatchObject({ suppressed: true, reason: 'secondary', detectionRatio: null });
  });
});
