import { readFileSync } from 'node:fs';
import { templateSchema, type TemplateDefinition } from '../../../domain/templates/template-schema';

/** Reads and parses a shipped template from surveys/. */
export function readTemplate(id: string): TemplateDefinition {
  const url = new URL(`../../../surveys/${id}.json`, import.meta.url);
  return templateSchema.parse(JSON.parse(readFileSync(url, 'utf8')));
}

/** Raw JSON of a shipped template, for tests that modify it. */
export function readTemplateJson(id: string): Record<string, unknown> {
  const url = new URL(`../../../surveys/${id}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}
