import { z } from 'zod';
import { badRequest } from './http-error';

const swedish = z.locales.sv().localeError;

/**
 * Validates request input against a zod schema. On failure: 400 naming the
 * field, e.g. `Fältet "email": ogiltig e-postadress`; with `labels`, by what
 * a user calls it (`Fältet "Annat skäl (fritext)": …`). `details.field`
 * keeps the field's id for the client.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, labels?: Readonly<Record<string, string>>): z.infer<S> {
  const result = schema.safeParse(input ?? {}, { error: swedish });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.length > 0 ? issue.path.join('.') : undefined;
  const name = field === undefined ? undefined : (labels?.[field] ?? field);
  const message = name ? `Fältet "${name}": ${issue.message}` : issue.message;
  throw badRequest(message, { field: field ?? null });
}
