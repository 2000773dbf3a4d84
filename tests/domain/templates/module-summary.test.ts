import { describe, expect, it } from 'vitest';
import { summarizeModules } from '../../../domain/templates/module-summary';
import { readTemplate } from './helpers';

describe('summarizeModules', () => {
  it('says what the befolkningsenkät module "Eget våldsutövande" adds: its page, questions and indicator', () => {
    const [module, ...rest] = summarizeModules(readTemplate('befolkningsenkat'));
    expect(rest).toEqual([]);
    expect(module).toEqual({
      id: 'egen_vald',
      label: 'Eget våldsutövande',
      enabledByDefault: true,
      pageTitles: ['Om dig själv'],
      questionCount: 4,
      indicators: ['Har själv använt våld eller hot mot närstående, senaste 12 månaderna (tillvalsmodul)'],
    });
    expect(summarizeModules(readTemplate('befolkningsenkat'), 'en')[0]).toMatchObject({ label: 'Own use of violence', pageTitles: ['About yourself'] });
  });

  it('is empty for a template without modules', () => {
    expect(summarizeModules(readTemplate('demo'))).toEqual([]);
  });
});
