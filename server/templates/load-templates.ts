import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { templateSchema, type TemplateDefinition } from '../../domain/templates/template-schema';

const surveysDir = fileURLToPath(new URL('../../surveys/', import.meta.url));

/** Reads and validates every `surveys/*.json` template shipped with the product. */
export function loadBuiltInTemplates(dir = surveysDir): TemplateDefinition[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const raw: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      const parsed = templateSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`Template surveys/${name} is invalid at ${issue.path.join('.')}: ${issue.message}`);
      }
      return parsed.data;
    });
}
