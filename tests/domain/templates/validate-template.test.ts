import { describe, expect, it } from 'vitest';
import { validateTemplate, type TemplateError } from '../../../domain/templates/validate-template';
import { readTemplateJson } from './helpers';

type Json = Record<string, any>;

/** A small valid template that each test breaks in one way. */
function minimal(): Json {
  return {
    id: 'test',
    version: 1,
    kind: 'population',
    title: 'Test',
    survey: {
      pages: [
        {
          name: 'p1',
          elements: [
            { type: 'radiogroup', name: 'kon', title: 'Kön', choices: ['kvinna', 'man', 'vill_inte_svara'] },
            { type: 'text', inputType: 'number', name: 'alder', title: 'Ålder' },
          ],
        },
        {
          name: 'p2',
          elements: [
            { type: 'radiogroup', name: 'a_ever', title: 'A?', choices: ['ja', 'nej', 'vill_inte_svara'] },
            { type: 'radiogroup', name: 'a_12m', title: 'A 12m?', visibleIf: "{a_ever} = 'ja'", choices: ['ja', 'nej', 'vill_inte_svara'] },
          ],
        },
      ],
    },
    meta: {
      population: { minAge: 18, maxAge: 85 },
      weighting: { variables: [{ name: 'kon', question: 'kon', levels: ['kvinna', 'man'] }, { name: 'alder', question: 'alder' }] },
      indicators: [
        { id: 'a_12m', label: 'A', expression: "{a_12m} = 'ja'", items: ['a_12m'], period: '12 månader', registerCategory: null },
      ],
    },
  };
}

function errorsOf(json: unknown): TemplateError[] {
  const result = validateTemplate(json);
  if (result.ok) throw new Error('expected validation errors');
  return [...result.errors];
}

describe('validateTemplate', () => {
  it('accepts a valid template and returns it typed', () => {
    const result = validateTemplate(minimal());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.template.meta.indicators[0].id).toBe('a_12m');
  });

  it('accepts JSON text and reports text that does not parse', () => {
    expect(validateTemplate(JSON.stringify(minimal())).ok).toBe(true);
    const errors = errorsOf('{"id": "x",');
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('');
    expect(errors[0].message).toMatch(/^Ogiltig JSON/);
  });

  it('reports schema errors with paths and Swedish messages', () => {
    const json = minimal();
    json.kind = 'enkat';
    delete json.meta.indicators[0].items;
    const errors = errorsOf(json);
    expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(['kind', 'meta.indicators[0].items']));
    expect(errors.find((e) => e.path === 'kind')?.message).toMatch(/Ogiltigt val/);
    expect(errorsOf(42)[0].message).toMatch(/förväntat/);
  });

  it('reports survey-core jsonErrors naming the question and property', () => {
    const json = minimal();
    json.survey.pages[1].elements[0].titel = 'fel stavat';
    json.survey.pages[0].elements.push({ type: 'radiogrup', name: 'fel_typ' });
    const errors = errorsOf(json);
    expect(errors).toContainEqual({
      path: 'survey.pages[1].elements[0].titel',
      message: "Okänd egenskap 'titel' i frågan 'a_ever' (radiogroup).",
    });
    expect(errors).toContainEqual({ path: 'survey.pages[0].elements[2].type', message: "Okänd elementtyp 'radiogrup' för 'fel_typ'." });
  });

  it('reports duplicate question names across pages', () => {
    const json = minimal();
    json.survey.pages[1].elements.push({ type: 'text', name: 'kon', title: 'igen' });
    const errors = errorsOf(json);
    expect(errors).toContainEqual({
      path: 'survey.pages[1].elements[2].name',
      message: "Frågenamnet 'kon' används redan (survey.pages[0].elements[0]). Varje fråga måste ha ett unikt namn.",
    });
  });

  it('reports an indicator expression that references an unknown question', () => {
    const json = minimal();
    json.meta.indicators[0].expression = "{a_12m} = 'ja' or {b_12m} = 'ja'";
    expect(errorsOf(json)).toContainEqual({
      path: 'meta.indicators[0].expression',
      message: "Uttrycket använder frågan 'b_12m', som inte finns i enkäten.",
    });
  });

  it('reports an indicator expression that does not compile', () => {
    const json = minimal();
    json.meta.indicators[0].expression = "{a_12m} = = 'ja' or (";
    const errors = errorsOf(json);
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('meta.indicators[0].expression');
    expect(errors[0].message).toMatch(/^Uttrycket går inte att tolka/);
  });

  it('reports an unknown function in an indicator expression and in `among`', () => {
    const json = minimal();
    json.meta.indicators[0].expression = "nosuchfunction({a_12m}) = 'ja'";
    json.meta.indicators[0].among = "{a_ever} = 'ja' and {saknas} = 1";
    const errors = errorsOf(json);
    expect(errors).toContainEqual({ path: 'meta.indicators[0].expression', message: "Uttrycket använder en okänd funktion 'nosuchfunction'." });
    expect(errors).toContainEqual({ path: 'meta.indicators[0].among', message: "Uttrycket använder frågan 'saknas', som inte finns i enkäten." });
  });

  it('reports unknown items, items unused by the expression, and duplicate indicator ids', () => {
    const json = minimal();
    json.meta.indicators[0].items = ['a_ever', 'finns_inte'];
    json.meta.indicators.push({ ...json.meta.indicators[0], items: ['a_12m'] });
    const errors = errorsOf(json);
    expect(errors).toContainEqual({ path: 'meta.indicators[0].items[1]', message: "Frågan 'finns_inte' i items finns inte i enkäten." });
    expect(errors).toContainEqual({ path: 'meta.indicators[0].items', message: "Ingen av frågorna i items används i uttrycket för indikatorn 'a_12m'." });
    expect(errors).toContainEqual({ path: 'meta.indicators[1].id', message: "Indikatorn 'a_12m' finns redan. Varje indikator måste ha ett unikt id." });
  });

  it('reports weighting variables that refer to missing questions or levels', () => {
    const json = minimal();
    json.meta.weighting.variables[0].levels = ['kvinna', 'K'];
    json.meta.weighting.variables.push({ name: 'omrade', question: 'omrade' });
    const errors = errorsOf(json);
    expect(errors).toContainEqual({ path: 'meta.weighting.variables[0].levels[1]', message: "Nivån 'K' finns inte bland svarsalternativen för frågan 'kon'." });
    expect(errors).toContainEqual({
      path: 'meta.weighting.variables[2].question',
      message: "Viktningsvariabeln 'omrade' hänvisar till frågan 'omrade', som inte finns i enkäten.",
    });
  });

  it('reports a visibleIf that references an unknown question', () => {
    const json = minimal();
    json.survey.pages[1].elements[1].visibleIf = "{a_evr} = 'ja'";
    expect(errorsOf(json)).toContainEqual({
      path: 'survey.pages[1].elements[1].visibleIf',
      message: "Uttrycket i 'visibleIf' för frågan 'a_12m' (radiogroup) använder 'a_evr', som inte är en fråga eller variabel i enkäten.",
    });
  });

  it('rejects required questions in a population survey but allows them in screening', () => {
    const json = minimal();
    json.survey.pages[1].elements[0].isRequired = true;
    expect(errorsOf(json)).toContainEqual({
      path: 'survey.pages[1].elements[0].isRequired',
      message: "Frågan 'a_ever' är obligatorisk. I en befolkningsenkät måste alla frågor gå att hoppa över.",
    });
    json.kind = 'screening';
    expect(validateTemplate(json).ok).toBe(true);
  });

  it('reports meta references to missing pages, område, age and FREDA questions', () => {
    const json = minimal();
    json.meta.modules = [{ id: 'egen', label: 'Eget', pages: ['saknas'], enabledByDefault: true }];
    json.meta.areaQuestion = { question: 'omrade' };
    json.meta.ageQuestion = 'fodelsear';
    json.meta.fredaTextSlots = [{ question: 'psykiskt', property: 'title' }];
    json.meta.introPage = 'ingen_sida';
    const paths = errorsOf(json).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['meta.modules[0].pages[0]', 'meta.areaQuestion.question', 'meta.ageQuestion', 'meta.fredaTextSlots[0].question', 'meta.introPage']),
    );
  });

  it('accepts every shipped template', () => {
    for (const id of ['demo', 'befolkningsenkat', 'screening']) {
      const result = validateTemplate(readTemplateJson(id));
      expect(result.ok ? [] : result.errors, id).toEqual([]);
    }
  });
});
