import { z } from 'zod';
import { describeUnsafeText, findUnsafeText } from '../../domain/plain-text';
import { badRequest } from './http-error';

const swedish = z.locales.sv().localeError;

/** `answers.kommentar`, `roles.0.kommunkod`: how a field is named in messages and `details.field`. */
const fieldName = (path: readonly PropertyKey[]) => path.map(String).join('.');

/**
 * Validates request input against a zod schema. On failure: 400 naming the
 * field, e.g. `Fältet "email": ogiltig e-postadress`; with `labels`, by what
 * a user calls it (`Fältet "Annat skäl (fritext)": …`). `details.field`
 * keeps the field's id for the client.
 *
 * Before the schema, every string and key of the input must be text
 * (`domain/plain-text.ts`): no NUL, no control character but tab and line
 * breaks, no lone surrogate, at most 32 levels deep. This holds for every
 * body and query of every contract, since they all come through here.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, labels?: Readonly<Record<string, string>>): z.infer<S> {
  assertPlainText(input);
  const result = schema.safeParse(input ?? {}, { error: swedish });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.length > 0 ? fieldName(issue.path) : undefined;
  const name = field === undefined ? undefined : (labels?.[field] ?? field);
  const message = name ? `Fältet "${name}": ${issue.message}` : issue.message;
  throw badRequest(message, { field: field ?? null });
}

/** 400 naming the field when any string or key of `input` is not text (see `parseInput`). */
export function assertPlainText(input: unknown, prefix: readonly (string | number)[] = []): void {
  const unsafe = findUnsafeText(input);
  if (!unsafe) return;
  const field = fieldName([...prefix, ...unsafe.path]);
  const what = describeUnsafeText(unsafe.found);
  throw badRequest(field ? `Fältet "${field}" ${what}.` : `Förfrågan ${what}.`, { field: field || null });
}
