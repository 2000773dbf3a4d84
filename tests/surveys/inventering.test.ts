/** The inventory month's template (surveys/inventering.json) lays out exactly the domain's categories, kön and age groups. */
import { readFileSync } from 'node:fs';
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { INVENTORY_CATEGORIES, INVENTORY_KON, inventoryAgeGroups } from '../../domain/inventory';
import { templateStrings } from '../../domain/templates/template-strings';
import { validateTemplate } from '../../domain/templates/validate-template';

type Json = Record<string, any>;
const template: Json = JSON.parse(readFileSync(new URL('../../surveys/inventering.json', import.meta.url), 'utf8'));

describe('inventering.json', () => {
  it('is a second screening template that loads without errors', () => {
    expect(template.kind).toBe('screening');
    expect(new Model(template.survey).jsonErrors ?? []).toEqual([]);
    const checked = validateTemplate(template);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
  });

  it('has one matrix per category, kön as columns and the category’s age groups as rows', () => {
    const matrices = template.survey.pages.flatMap((p: Json) => p.elements).filter((e: Json) => e.type === 'matrixdropdown');
    expect(matrices.map((m: Json) => m.name)).toEqual([...INVENTORY_CATEGORIES]);
    for (const m of matrices) {
      expect(m.columns.map((col: Json) => col.name)).toEqual([...INVENTORY_KON]);
      expect(m.columns.every((col: Json) => col.inputType === 'number' && col.min === 0)).toBe(true);
      expect(m.rows.map((row: Json) => row.value)).toEqual([...inventoryAgeGroups(m.name)]);
    }
  });

  it('asks for counts only: no free text and no question about a person', () => {
    const elements = template.survey.pages.flatMap((p: Json) => p.elements);
    expect(elements.filter((e: Json) => ['text', 'comment'].includes(e.type))).toEqual([]);
    expect(JSON.stringify(template)).not.toMatch(/personnummer"|namn"/i);
    expect(templateStrings(template as never).filter((s) => s.id.includes('#'))).toEqual([]);
  });
});
