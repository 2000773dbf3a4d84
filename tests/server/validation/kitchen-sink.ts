import type { TemplateDefinition } from '../../../domain/templates/template-schema';

/** A synthetic template using every question type and rule the compiled validator supports. */
export const kitchenSink: TemplateDefinition = {
  id: 'kitchen-sink',
  version: 1,
  kind: 'population',
  title: 'Alla frågetyper',
  survey: {
    pages: [
      {
        name: 'p1',
        elements: [
          { type: 'radiogroup', name: 'kon', choices: ['kvinna', 'man', 'vill_inte_svara'] },
          { type: 'text', inputType: 'number', name: 'alder', min: 18, max: 85, step: 1 },
          { type: 'text', inputType: 'number', name: 'timmar', min: 0, max: 10, step: 0.5 },
          { type: 'text', name: 'ort' },
          { type: 'text', name: 'kort', maxLength: 5 },
          { type: 'text', inputType: 'email', name: 'epost' },
          { type: 'text', inputType: 'date', name: 'datum', min: '2024-01-01', max: '2030-12-31' },
          { type: 'comment', name: 'kommentar' },
          { type: 'dropdown', name: 'lan', choices: [{ value: 1, text: 'Ett' }, { value: 2, text: 'Två' }], showOtherItem: true },
          { type: 'checkbox', name: 'vem', choices: ['partner', 'foralder', 'syskon'], showNoneItem: true, showOtherItem: true, maxSelectedChoices: 2 },
          { type: 'boolean', name: 'samtycke', isRequired: true },
          { type: 'boolean', name: 'jane', valueTrue: 'ja', valueFalse: 'nej' },
          { type: 'rating', name: 'betyg' },
          { type: 'rating', name: 'skala', rateMin: 0, rateMax: 10, rateStep: 2 },
          { type: 'radiogroup', name: 'kommentar_fraga', choices: ['ja', 'nej'], showCommentArea: true },
        ],
      },
      {
        name: 'p2',
        visibleIf: "{kon} = 'kvinna'",
        elements: [
          { type: 'radiogroup', name: 'gate', choices: ['ja', 'nej'] },
          { type: 'radiogroup', name: 'folj', choices: ['ja', 'nej'], visibleIf: "{gate} = 'ja'", isRequired: true },
          {
            type: 'panel',
            name: 'panel',
            visibleIf: "{folj} = 'ja'",
            elements: [{ type: 'text', name: 'djup', isRequired: true }],
          },
          { type: 'radiogroup', name: 'villkorligt_krav', choices: ['x', 'y'], requiredIf: "{gate} = 'nej'" },
          { type: 'radiogroup', name: 'las', choices: ['x', 'y'], isRequired: true, enableIf: "{gate} = 'ja'" },
        ],
      },
      {
        name: 'p3',
        elements: [
          { type: 'multipletext', name: 'flera', items: [{ name: 'a' }, { name: 'n', inputType: 'number', validators: [{ type: 'numeric', minValue: 0, maxValue: 9 }] }] },
          { type: 'text', name: 'dold', visible: false },
          { type: 'text', name: 'regex', validators: [{ type: 'regex', regex: '^[A-Z]+$' }] },
        ],
      },
      {
        // Questions that survey-core requires even when unanswered, only shown without consent.
        name: 'p4',
        visibleIf: '{samtycke} = false',
        elements: [
          { type: 'checkbox', name: 'minst', choices: ['a', 'b', 'c'], minSelectedChoices: 2, showNoneItem: true },
          { type: 'matrix', name: 'matris', rows: ['r1', 'r2'], columns: [1, 2, 3], isAllRowRequired: true },
        ],
      },
    ],
  },
  meta: { weighting: { variables: [] }, indicators: [] },
};

/** Answers that pass every rule of `kitchenSink` (with p2 hidden: kon = man). */
export function validKitchenSink(): Record<string, unknown> {
  return { kon: 'man', samtycke: true };
}
