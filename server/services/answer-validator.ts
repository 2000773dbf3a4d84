import type { TemplateDefinition } from '../../domain/templates/template-schema';
import { compileValidator } from '../validation/compile-validator';

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
  return compileValidator(template) as AnswerValidator;
}
