/**
 * National support lines the respondent pages can show in their support box,
 * beside 112 and the kommun's own contact (DOMAIN.md §5). A template chooses
 * which (`meta.supportLines`; default Kvinnofridslinjen); their names and
 * notes in each language are in the respondent UI's locale files
 * (surveys/locales/ui/<lang>.json, `support.<id>`), the numbers here.
 */
export const SUPPORT_LINES = {
  /** For adults exposed to violence by someone close; free, day and night. */
  kvinnofridslinjen: { phone: '020-50 50 50', tel: '020505050' },
  /** For children and young people up to 18; free and anonymous, phone and chat. */
  bris: { phone: '116 111', tel: '116111' },
} as const;

export type SupportLineId = keyof typeof SUPPORT_LINES;
export const SUPPORT_LINE_IDS = Object.keys(SUPPORT_LINES) as SupportLineId[];

/** What respondent pages show when a template names none. */
export const DEFAULT_SUPPORT_LINES: readonly SupportLineId[] = ['kvinnofridslinjen'];
