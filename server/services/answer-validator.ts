import type { TemplateDefinition } from '../templates/template-schema';

export type AnswerValidation =
  | { ok: true; answers: Record<string, unknown> }
  | { ok: false; errors: { question: string; message: string }[] };
export type AnswerValidator = (answers: unknown) => AnswerValidation;

/**
 * Compiles the answer validator of a template (call once per campaign; see
 * `campaignSurvey`). Delegates to `compileValidator` in
 * server/validation/compile-validator.ts.
 */
export function compileAnswerValidator(template: TemplateDefinition): AnswerValidator {
  return compileValidator(template);
}

// PLACEHOLDER until server/validation/compile-validator.ts exists (another
// engineer writes it): accepts any plain object. Replace with
// `import { compileValidator } from '../validation/compile-validator';`
function compileValidator(_template: TemplateDefinition): AnswerValidator {
  return (answers) =>
    typeof answers === 'object' && answers !== null && !Array.isArray(answers)
      ? { ok: true, answers: answers as Record<string, unknown> }
      : { ok: false, errors: [{ question: '', message: 'Svaren saknas.' }] };
}
