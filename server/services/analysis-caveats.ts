import { textFor } from '../../domain/localized-text';
import { registerCategoryLabel } from '../../domain/value-labels';
import type { RegisteredTableSummary } from '../queries/population-registered-tables';
import type { IndicatorDefinition, TemplateDefinition } from '../../domain/templates/template-schema';

export interface IndicatorCaveats {
  indicator: string;
  /** Swedish sentences, one per point where survey and register may not align. */
  points: string[];
}

function label(indicator: IndicatorDefinition): string {
  return textFor(indicator.label) || indicator.id;
}

function ageRange(template: TemplateDefinition, indicator: IndicatorDefinition): string | undefined {
  const range = indicator.population ?? template.meta.population;
  return range ? `${range.minAge}–${range.maxAge} år` : undefined;
}

const periodText: Record<IndicatorDefinition['period'], string> = {
  '12 månader': 'de senaste 12 månaderna före svaret',
  livstid: 'någon gång i livet',
  pågående: 'en pågående situation när enkäten besvarades',
  uppväxt: 'uppväxten',
};

/**
 * The points on which a survey estimate and a registered count may not
 * align, as DOMAIN §4 requires them stated next to every mörkertal: period
 * ("last 12 months" vs ärenden per calendar year), age range, definition,
 * and persons vs ärenden.
 */
export function darkFigureCaveats(
  template: TemplateDefinition,
  indicatorIds: readonly string[],
  registered: RegisteredTableSummary,
  fieldwork: { periodStart: string | null; periodEnd: string | null },
): IndicatorCaveats[] {
  const survey = fieldwork.periodStart ? ` (svaren samlades in ${fieldwork.periodStart}${fieldwork.periodEnd ? `–${fieldwork.periodEnd}` : ''})` : '';
  const registerPeriod = registered.period ? `perioden ${registered.period}` : 'en period som inte angavs vid uppladdningen';
  return indicatorIds.flatMap((id) => {
    const indicator = template.meta.indicators.find((i) => i.id === id);
    if (!indicator) return [];
    const points: string[] = [];
    if (indicator.period === '12 månader') {
      points.push(
        `Period: enkäten frågar om ${periodText[indicator.period]}${survey}, medan registret räknar ${registerPeriod}. Perioderna sammanfaller inte helt, så upptäcktsgraden är ungefärlig.`,
      );
    } else {
      points.push(
        `Period: indikatorn gäller ${periodText[indicator.period]}, men registret räknar ${registerPeriod}. Jämförelsen är inte ett mörkertal i egentlig mening; använd en 12-månadersindikator för mörkertal.`,
      );
    }
    const ages = ageRange(template, indicator);
    points.push(
      `Ålder: enkäten och befolkningstalen omfattar ${ages ?? 'åldrarna i mallens åldersgrupper'}. Registret måste avse samma åldrar; räknar det även barn eller äldre blir upptäcktsgraden för hög.`,
    );
    points.push(
      indicator.registerCategory
        ? `Definition: indikatorn bygger på enkätfrågorna ("${label(indicator)}"), registret på aktualiseringsorsaken "${registerCategoryLabel(indicator.registerCategory)}". Ett ärende har bara en orsak, så våld som registrerats under en annan orsak saknas i registersiffran.`
        : `Definition: mallen anger ingen registerkategori för indikatorn ("${label(indicator)}"); kontrollera att registersiffran avser samma sak.`,
    );
    points.push(
      registered.unit === 'persons'
        ? 'Personer eller ärenden: registret anges räkna personer, liksom enkäten. Kontrollera att en person med flera ärenden bara räknas en gång.'
        : 'Personer eller ärenden: registret räknar ärenden, enkäten personer. En person med flera ärenden räknas flera gånger, så upptäcktsgraden överskattas.',
    );
    return [{ indicator: id, points }];
  });
}
