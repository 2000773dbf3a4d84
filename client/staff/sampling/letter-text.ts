/**
 * The wording of the letters, in Swedish and English. Neutral on purpose:
 * someone else in the household may read the letter, so it names no
 * violence; the survey is called by its public title only.
 */
export interface LetterContext {
  /** The title respondents see (the campaign's public title, else the template's neutral title). */
  readonly title: { readonly sv: string; readonly en: string };
  readonly kommun: string;
  readonly lastDay: string | null;
  readonly contact: { readonly name?: string; readonly phone?: string; readonly email?: string; readonly url?: string };
}

export type LetterKind = 'first' | 'reminder';

/** A letter's date, "1 december 2026". */
export function letterDate(iso: string): string {
  return dateSv(iso);
}

export interface LetterWording {
  readonly heading: string;
  readonly paragraphs: readonly string[];
  readonly howTo: string;
  readonly linkLabel: string;
  readonly codeLabel: string;
  readonly qrLabel: string;
  readonly lastDay: string | null;
  readonly questions: string | null;
  readonly closing: string;
}

const dateSv = (iso: string) => new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${iso}T12:00:00`));
const dateEn = (iso: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${iso}T12:00:00`));

function contactLine(contact: LetterContext['contact'], phoneWord: string, emailWord: string): string | null {
  const parts = [contact.name, contact.phone && `${phoneWord} ${contact.phone}`, contact.email && `${emailWord} ${contact.email}`, contact.url].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : null;
}

export function swedishLetter(kind: LetterKind, context: LetterContext): LetterWording {
  const contact = contactLine(context.contact, 'telefon', 'e-post');
  const intro =
    kind === 'first'
      ? `Du har valts ut slumpmässigt bland invånarna i ${context.kommun} för att svara på enkäten ”${context.title.sv}”. Svaren hjälper kommunen att förstå hur invånarna har det och att planera sitt stöd.`
      : `För en tid sedan fick du ett brev med en inbjudan att svara på enkäten ”${context.title.sv}”. Det är inte för sent att svara, och varje svar gör resultatet säkrare. Om du redan har svarat: tack! Då kan du bortse från det här brevet.`;
  return {
    heading: kind === 'first' ? `Inbjudan: ${context.title.sv}` : `Påminnelse: ${context.title.sv}`,
    paragraphs: [
      'Hej!',
      intro,
      'Det är frivilligt att svara, och du kan hoppa över frågor eller avbryta när du vill. Dina svar sparas utan ditt namn, din adress och koden i det här brevet, och resultaten redovisas bara för grupper, så att ingen enskild kan pekas ut.',
    ],
    howTo: 'Så här svarar du: skanna QR-koden med mobilens kamera, eller gå till adressen nedan och skriv in din kod. Vill du hellre svara på papper, kontakta oss så skickar vi en pappersenkät.',
    linkLabel: 'Adress',
    codeLabel: 'Din kod',
    qrLabel: 'QR-kod med länken till enkäten',
    lastDay: context.lastDay ? `Svara gärna senast ${dateSv(context.lastDay)}.` : null,
    questions: contact ? `Har du frågor? Kontakta ${contact}.` : null,
    closing: 'Tack för din hjälp!',
  };
}

export function englishLetter(kind: LetterKind, context: LetterContext): LetterWording {
  const contact = contactLine(context.contact, 'phone', 'e-mail');
  const intro =
    kind === 'first'
      ? `You have been chosen at random among the residents of ${context.kommun} to answer the survey “${context.title.en}”. The answers help the municipality understand how residents are doing and plan its support.`
      : `Some time ago you received a letter inviting you to answer the survey “${context.title.en}”. It is not too late to answer, and every answer makes the results more reliable. If you have already answered: thank you! Then please disregard this letter.`;
  return {
    heading: kind === 'first' ? `Invitation: ${context.title.en}` : `Reminder: ${context.title.en}`,
    paragraphs: [
      intro,
      'Taking part is voluntary, and you can skip questions or stop at any time. Your answers are stored without your name, your address and the code in this letter, and results are only reported for groups, so that no individual can be identified.',
    ],
    howTo: 'How to answer: scan the QR code with your phone camera, or go to the address below and enter your code. If you prefer to answer on paper, contact us and we will send you a paper questionnaire.',
    linkLabel: 'Address',
    codeLabel: 'Your code',
    qrLabel: 'QR code with the link to the survey',
    lastDay: context.lastDay ? `Please answer by ${dateEn(context.lastDay)}.` : null,
    questions: contact ? `Questions? Contact ${contact}.` : null,
    closing: 'Thank you for your help!',
  };
}
