/**
 * UI strings for the respondent pages, one map per locale.
 *
 * The questionnaire text itself lives in the survey template (SurveyJS
 * localisable strings); this file only holds the app around it. To add a
 * language (e.g. Arabic, Somali, Tigrinya, Dari, Persian), add its code to
 * `uiLocales`, a `UiStrings` object to `strings` and, for right-to-left
 * scripts, its code to `rtlLocales`.
 */

export const uiLocales = ['sv', 'en'] as const;
export type Locale = (typeof uiLocales)[number];

export const defaultLocale: Locale = 'sv';

/** Locales written right to left; `dir` on <html> follows this. */
export const rtlLocales: ReadonlySet<string> = new Set(['ar', 'fa', 'prs', 'he']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (uiLocales as readonly string[]).includes(value);
}

export interface UiStrings {
  /** Name of the language in the language itself, for the switcher. */
  languageName: string;
  languageSwitchLabel: string;
  quickExit: string;
  quickExitHint: string;
  loading: string;

  codeEntryHeading: string;
  codeEntryIntro: string;
  codeLabel: string;
  codeHelp: string;
  codeContinue: string;
  codeMissing: string;
  codeError: string;
  codeAlreadyUsed: string;
  codeUsedHeading: string;

  openLinkError: string;
  notFoundHeading: string;
  notFoundText: string;
  toStart: string;

  consentHeading: string;
  consentPurpose: string;
  consentAnonymity: string;
  consentAnonymityCode: string;
  consentVoluntary: string;
  consentSkip: string;
  consentResume: string;
  consentPrivacyTip: string;
  consentStart: string;

  draftSaving: string;
  draftSaved: string;
  draftFailed: string;

  submitting: string;
  submitRetrying: string;
  submitFailed: string;
  submitRetryButton: string;
  submitFailedHeading: string;
  networkError: string;

  thanksHeading: string;
  thanksText: string;
  thanksCloseTip: string;

  supportHeading: string;
  supportKvinnofrid: string;
  supportKvinnofridNote: string;
  supportEmergency: string;
  supportKommun: string;
}

const sv: UiStrings = {
  languageName: 'Svenska',
  languageSwitchLabel: 'Språk',
  quickExit: 'Lämna sidan snabbt',
  quickExitHint: 'Du kan också trycka på Esc.',
  loading: 'Laddar…',

  codeEntryHeading: 'Ange din kod',
  codeEntryIntro: 'Koden står i brevet som du har fått.',
  codeLabel: 'Kod',
  codeHelp: 'Skriv koden precis som den står i brevet.',
  codeContinue: 'Fortsätt',
  codeMissing: 'Skriv in din kod.',
  codeError: 'Koden kunde inte användas. Kontrollera att du har skrivit rätt.',
  codeAlreadyUsed: 'Svaren kunde inte skickas eftersom koden redan har använts.',
  codeUsedHeading: 'Koden har redan använts',

  openLinkError: 'Enkäten kunde inte öppnas.',
  notFoundHeading: 'Sidan finns inte',
  notFoundText: 'Kontrollera adressen, eller ange koden från ditt brev.',
  toStart: 'Till startsidan',

  consentHeading: 'Om enkäten',
  consentPurpose:
    'Kommunen vill veta hur vanligt det är att människor utsätts för våld eller kränkningar av någon som står dem nära, för att kunna planera stöd och hjälp.',
  consentAnonymity:
    'Du skriver inte ditt namn eller personnummer, och dina svar sparas utan uppgifter om vem du är. Resultaten redovisas bara för grupper, aldrig för enskilda personer.',
  consentAnonymityCode:
    'Koden används bara för att du ska kunna svara en gång och fortsätta senare. När du har skickat in dina svar går de inte att koppla till koden.',
  consentVoluntary: 'Det är frivilligt att delta. Du kan sluta när du vill.',
  consentSkip: 'Du kan hoppa över varje fråga som du inte vill svara på.',
  consentResume:
    'Dina svar sparas när du byter sida. Du kan fortsätta senare, även på en annan enhet, med samma kod.',
  consentPrivacyTip:
    'Svara gärna när du är ensam. Knappen ”Lämna sidan snabbt” högst upp, eller Esc-tangenten, tar dig direkt till en annan webbplats.',
  consentStart: 'Jag vill delta',

  draftSaving: 'Sparar…',
  draftSaved: 'Dina svar är sparade.',
  draftFailed: 'Dina svar kunde inte sparas just nu. De finns kvar så länge sidan är öppen.',

  submitting: 'Skickar dina svar…',
  submitRetrying: 'Försöker igen…',
  submitFailed: 'Svaren kunde inte skickas. Dina svar finns kvar – försök igen om en stund.',
  submitRetryButton: 'Försök igen',
  submitFailedHeading: 'Dina svar har inte skickats än',
  networkError: 'Det gick inte att nå enkäten. Kontrollera internetanslutningen och försök igen om en stund.',

  thanksHeading: 'Tack för dina svar!',
  thanksText: 'Dina svar har skickats. Du kan nu stänga sidan.',
  thanksCloseTip: 'Vill du inte att någon ska se att du har svarat kan du stänga fliken eller använda knappen ”Lämna sidan snabbt”.',

  supportHeading: 'Behöver du stöd eller någon att prata med?',
  supportKvinnofrid: 'Kvinnofridslinjen',
  supportKvinnofridNote: 'Gratis, öppen dygnet runt. Samtalet syns inte på telefonräkningen.',
  supportEmergency: 'Vid akut fara: ring 112.',
  supportKommun: 'Kontakt i kommunen',
};

const en: UiStrings = {
  languageName: 'English',
  languageSwitchLabel: 'Language',
  quickExit: 'Leave this page quickly',
  quickExitHint: 'You can also press Esc.',
  loading: 'Loading…',

  codeEntryHeading: 'Enter your code',
  codeEntryIntro: 'The code is printed in the letter you received.',
  codeLabel: 'Code',
  codeHelp: 'Type the code exactly as it appears in the letter.',
  codeContinue: 'Continue',
  codeMissing: 'Please enter your code.',
  codeError: 'The code could not be used. Please check that you typed it correctly.',
  codeAlreadyUsed: 'Your answers could not be sent because the code has already been used.',
  codeUsedHeading: 'The code has already been used',

  openLinkError: 'The survey could not be opened.',
  notFoundHeading: 'Page not found',
  notFoundText: 'Check the address, or enter the code from your letter.',
  toStart: 'Go to the start page',

  consentHeading: 'About the survey',
  consentPurpose:
    'The municipality wants to know how common it is for people to be subjected to violence or abuse by someone close to them, in order to plan support and help.',
  consentAnonymity:
    'You do not give your name or personal identity number, and your answers are stored without information about who you are. Results are only reported for groups, never for individuals.',
  consentAnonymityCode:
    'The code is only used so that you can answer once and continue later. Once you have sent your answers, they cannot be linked to the code.',
  consentVoluntary: 'Taking part is voluntary. You can stop at any time.',
  consentSkip: 'You can skip any question you do not want to answer.',
  consentResume:
    'Your answers are saved when you change page. You can continue later, also on another device, with the same code.',
  consentPrivacyTip:
    'If possible, answer when you are alone. The “Leave this page quickly” button at the top, or the Esc key, takes you straight to another website.',
  consentStart: 'Start',

  draftSaving: 'Saving…',
  draftSaved: 'Your answers are saved.',
  draftFailed: 'Your answers could not be saved right now. They are kept as long as this page is open.',

  submitting: 'Sending your answers…',
  submitRetrying: 'Trying again…',
  submitFailed: 'Your answers could not be sent. They are kept – please try again in a moment.',
  submitRetryButton: 'Try again',
  submitFailedHeading: 'Your answers have not been sent yet',
  networkError: 'The survey could not be reached. Check your internet connection and try again in a moment.',

  thanksHeading: 'Thank you for your answers!',
  thanksText: 'Your answers have been sent. You can now close this page.',
  thanksCloseTip: 'If you do not want anyone to see that you have answered, close the tab or use the “Leave this page quickly” button.',

  supportHeading: 'Do you need support or someone to talk to?',
  supportKvinnofrid: 'Kvinnofridslinjen (national helpline)',
  supportKvinnofridNote: 'Free, open day and night. The call does not show on the phone bill.',
  supportEmergency: 'In an emergency: call 112.',
  supportKommun: 'Contact in your municipality',
};

export const strings: Record<Locale, UiStrings> = { sv, en };
