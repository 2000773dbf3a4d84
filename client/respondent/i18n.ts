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
  /** Not 11 symbols of the code alphabet: checked in the browser. */
  codeMalformed: string;
  /** 404 `code_invalid`. */
  codeUnknown: string;
  /** 410 `code_used` (also 409 at submit). */
  codeUsed: string;
  /** 410 `survey_closed`. */
  surveyClosed: string;
  tooManyRequests: string;
  codeUsedHeading: string;

  openLinkError: string;
  notFoundHeading: string;
  notFoundText: string;
  toStart: string;

  consentHeading: string;
  consentPurpose: string;
  consentAnonymity: string;
  /** The anonymity guarantee and its remaining window, word for word as in docs/privacy.md. */
  consentGuarantee: (batchSize: number) => string;
  consentVoluntary: string;
  consentSkip: string;
  /** What the resume word protects, and that a forgotten word means starting over. */
  consentResume: string;
  consentPrivacyTip: string;
  consentStart: string;

  saveLaterHeading: string;
  saveLaterIntro: string;
  saveLaterOpen: string;
  wordLabel: string;
  wordHint: string;
  wordMissing: string;
  wordTooShort: (min: number) => string;
  wordSave: string;
  wordCancel: string;
  wordSaving: string;
  sealedSaved: string;
  saveFailed: string;
  draftSaving: string;
  draftSaved: string;
  draftFailed: string;

  resumeHeading: string;
  resumeIntro: string;
  resumeWordLabel: string;
  resumeButton: string;
  resumeOpening: string;
  wrongWord: (attemptsLeft: number) => string;
  draftLocked: string;
  forgotWord: string;
  resumeFailed: string;

  discardHeading: string;
  discardText: string;
  discardConfirm: string;
  discardCancel: string;
  discardFailed: string;

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
  codeMalformed: 'Koden har 11 tecken, bokstäver och siffror. Kontrollera att du har skrivit av den rätt från brevet.',
  codeUnknown: 'Koden finns inte. Kontrollera att du har skrivit rätt.',
  codeUsed: 'Koden har redan använts.',
  surveyClosed: 'Undersökningen är avslutad. Det går inte längre att svara.',
  tooManyRequests: 'För många försök. Vänta en minut och försök igen.',
  codeUsedHeading: 'Koden har redan använts',

  openLinkError: 'Enkäten kunde inte öppnas.',
  notFoundHeading: 'Sidan finns inte',
  notFoundText: 'Kontrollera adressen, eller ange koden från ditt brev.',
  toStart: 'Till startsidan',

  consentHeading: 'Om enkäten',
  consentPurpose:
    'Frågorna handlar om hur du har det med människor som står dig nära, till exempel om någon har hotat, kontrollerat eller skadat dig. Kommunen använder svaren för att planera stöd och hjälp.',
  consentAnonymity:
    'Du skriver inte ditt namn eller personnummer. Resultaten redovisas bara för grupper, aldrig för enskilda personer.',
  consentGuarantee: (batchSize) =>
    `Dina svar sparas utan koppling till din kod. De skrivs in i databasen i omgångar om minst ${batchSize} svar, i slumpvis ordning (de sista när undersökningen stängs). Tills ditt svar har skrivits in kan den som har tillgång till databasen se ungefär när det kom in.`,
  consentVoluntary: 'Det är frivilligt att delta. Du kan sluta när du vill.',
  consentSkip: 'Du kan hoppa över varje fråga som du inte vill svara på.',
  consentResume:
    'Inget sparas medan du svarar, om du inte själv väljer att spara. Vill du fortsätta senare väljer du ett eget ord. Ordet låser dina sparade svar, så att den som hittar brevet inte kan läsa dem. Glömmer du ordet går svaren inte att få fram, och du får börja om från början.',
  consentPrivacyTip:
    'Svara gärna när du är ensam. Knappen ”Lämna sidan snabbt” högst upp, eller Esc-tangenten, tar dig direkt till en annan webbplats.',
  consentStart: 'Jag vill delta',

  saveLaterHeading: 'Vill du fortsätta senare?',
  saveLaterIntro:
    'Dina svar sparas bara om du väljer ett ord. Med koden i brevet och ditt ord kan du fortsätta senare, även på en annan enhet.',
  saveLaterOpen: 'Spara och fortsätt senare',
  wordLabel: 'Välj ett ord',
  wordHint:
    'Minst 6 tecken. Ordet låser dina sparade svar: den som hittar brevet kan inte läsa dem utan ordet. Välj ett ord som andra inte kan gissa, och skriv inte upp det i brevet. Glömmer du ordet går svaren inte att få tillbaka, och du får börja om från början.',
  wordMissing: 'Skriv ditt ord.',
  wordTooShort: (min) => `Ordet behöver ha minst ${min} tecken.`,
  wordSave: 'Spara mina svar',
  wordCancel: 'Avbryt',
  wordSaving: 'Sparar… Det tar några sekunder.',
  sealedSaved:
    'Dina svar är sparade och låsta med ditt ord. Du kan stänga sidan och fortsätta senare med koden och ordet. Från och med nu sparas svaren varje gång du byter sida.',
  saveFailed: 'Svaren kunde inte sparas just nu. Försök igen om en stund.',
  draftSaving: 'Sparar…',
  draftSaved: 'Dina svar är sparade.',
  draftFailed: 'Dina svar kunde inte sparas just nu. De finns kvar så länge sidan är öppen.',

  resumeHeading: 'Fortsätt där du slutade',
  resumeIntro: 'Dina svar är sparade och låsta med ordet som du valde. Skriv ordet för att fortsätta.',
  resumeWordLabel: 'Ditt ord',
  resumeButton: 'Fortsätt',
  resumeOpening: 'Öppnar dina svar… Det tar några sekunder.',
  wrongWord: (left) =>
    left > 0 ? `Ordet stämmer inte. Du kan försöka ${left} ${left === 1 ? 'gång' : 'gånger'} till.` : 'Ordet stämmer inte.',
  draftLocked:
    'Dina sparade svar är låsta efter för många felaktiga ord och kan inte öppnas längre. Du kan börja om från början.',
  forgotWord: 'Jag har glömt ordet – börja om',
  resumeFailed: 'Dina svar kunde inte öppnas just nu. Försök igen om en stund.',

  discardHeading: 'Börja om från början?',
  discardText:
    'Dina sparade svar raderas. Det går inte att ångra, och utan ordet går de inte att få tillbaka. Sedan kan du svara på enkäten från början.',
  discardConfirm: 'Radera och börja om',
  discardCancel: 'Tillbaka',
  discardFailed: 'Svaren kunde inte raderas just nu. Försök igen om en stund.',

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
  codeMalformed: 'The code has 11 characters, letters and digits. Please check that you copied it correctly from the letter.',
  codeUnknown: 'The code does not exist. Please check that you typed it correctly.',
  codeUsed: 'The code has already been used.',
  surveyClosed: 'The survey has ended. It is no longer possible to answer.',
  tooManyRequests: 'Too many attempts. Please wait a minute and try again.',
  codeUsedHeading: 'The code has already been used',

  openLinkError: 'The survey could not be opened.',
  notFoundHeading: 'Page not found',
  notFoundText: 'Check the address, or enter the code from your letter.',
  toStart: 'Go to the start page',

  consentHeading: 'About the survey',
  consentPurpose:
    'The questions are about how things are between you and the people close to you, for example whether someone has threatened, controlled or hurt you. The municipality uses the answers to plan support and help.',
  consentAnonymity:
    'You do not give your name or personal identity number. Results are only reported for groups, never for individuals.',
  consentGuarantee: (batchSize) =>
    `Your answers are stored with no link to your code. They are written to the database in batches of at least ${batchSize} answers, in random order (the last ones when the survey closes). Until your answer has been written, anyone with access to the database can see roughly when it came in.`,
  consentVoluntary: 'Taking part is voluntary. You can stop at any time.',
  consentSkip: 'You can skip any question you do not want to answer.',
  consentResume:
    'Nothing is saved while you answer unless you choose to save. If you want to continue later, you choose a word of your own. The word locks your saved answers, so that someone who finds the letter cannot read them. If you forget the word, the answers cannot be recovered and you will have to start again from the beginning.',
  consentPrivacyTip:
    'If possible, answer when you are alone. The “Leave this page quickly” button at the top, or the Esc key, takes you straight to another website.',
  consentStart: 'Start',

  saveLaterHeading: 'Do you want to continue later?',
  saveLaterIntro:
    'Your answers are saved only if you choose a word. With the code in the letter and your word you can continue later, also on another device.',
  saveLaterOpen: 'Save and continue later',
  wordLabel: 'Choose a word',
  wordHint:
    'At least 6 characters. The word locks your saved answers: someone who finds the letter cannot read them without the word. Choose a word others cannot guess, and do not write it on the letter. If you forget the word, the answers cannot be recovered and you will have to start again from the beginning.',
  wordMissing: 'Please enter your word.',
  wordTooShort: (min) => `The word needs at least ${min} characters.`,
  wordSave: 'Save my answers',
  wordCancel: 'Cancel',
  wordSaving: 'Saving… This takes a few seconds.',
  sealedSaved:
    'Your answers are saved and locked with your word. You can close the page and continue later with the code and the word. From now on your answers are saved every time you change page.',
  saveFailed: 'Your answers could not be saved right now. Please try again in a moment.',
  draftSaving: 'Saving…',
  draftSaved: 'Your answers are saved.',
  draftFailed: 'Your answers could not be saved right now. They are kept as long as this page is open.',

  resumeHeading: 'Continue where you left off',
  resumeIntro: 'Your answers are saved and locked with the word you chose. Enter the word to continue.',
  resumeWordLabel: 'Your word',
  resumeButton: 'Continue',
  resumeOpening: 'Opening your answers… This takes a few seconds.',
  wrongWord: (left) =>
    left > 0 ? `The word is not right. You can try ${left} more ${left === 1 ? 'time' : 'times'}.` : 'The word is not right.',
  draftLocked:
    'Your saved answers are locked after too many wrong words and can no longer be opened. You can start again from the beginning.',
  forgotWord: 'I have forgotten the word – start again',
  resumeFailed: 'Your answers could not be opened right now. Please try again in a moment.',

  discardHeading: 'Start again from the beginning?',
  discardText:
    'Your saved answers will be deleted. This cannot be undone, and without the word they cannot be recovered. Then you can answer the survey from the beginning.',
  discardConfirm: 'Delete and start again',
  discardCancel: 'Back',
  discardFailed: 'Your answers could not be deleted right now. Please try again in a moment.',

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
