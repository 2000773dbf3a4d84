/**
 * The staff password policy (docs/security.md), one implementation for the
 * server (first admin, password changes and resets) and the workspace (live
 * hints while typing):
 *
 * 1. at least 12 characters (at most 1,000);
 * 2. at least 5 different characters (`aaaaaaaaaaaa` and `abababababab` fail);
 * 3. not a run along the keyboard or the alphabet or digits (`123456789012`, `qwertyuiopas`);
 * 4. not a common password: a word from a list of the passwords most often
 *    chosen in Swedish and English (`lösenord`, `password`, `sommar`,
 *    `qwerty`, `välkommen`, …), whatever is added before or after it in
 *    digits and symbols (`Lösenord2025!`, `password1234`);
 * 5. not the account's e-mail address or its name part.
 *
 * Pure and browser-safe.
 */
export type PasswordProblem = 'too_short' | 'too_long' | 'too_few_characters' | 'sequence' | 'common' | 'contains_email';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1000;

/** Base words of common passwords (lower case); a password that is one of them plus digits and symbols is refused. */
const COMMON_WORDS = new Set([
  'password', 'passw0rd', 'passord', 'lösenord', 'losenord', 'losen', 'lösen', 'hemlig', 'hemligt', 'hemligheter',
  'qwerty', 'qwertyuiop', 'qwertz', 'azerty', 'asdfgh', 'asdfghjkl', 'zxcvbn', 'zxcvbnm', 'abc', 'abcdef', 'abcdefgh',
  'admin', 'administrator', 'administratör', 'root', 'user', 'användare', 'guest', 'gäst', 'test', 'testtest', 'demo',
  'welcome', 'välkommen', 'valkommen', 'hello', 'hej', 'hejhej', 'hejsan', 'letmein', 'iloveyou', 'jagälskardig',
  'sommar', 'sommaren', 'vinter', 'vintern', 'våren', 'hösten', 'januari', 'februari', 'mars', 'april', 'maj', 'juni',
  'juli', 'augusti', 'september', 'oktober', 'november', 'december', 'måndag', 'fredag', 'summer', 'winter', 'spring',
  'autumn', 'monkey', 'dragon', 'football', 'fotboll', 'baseball', 'master', 'shadow', 'sunshine', 'princess',
  'superman', 'batman', 'starwars', 'pokemon', 'trustno1', 'whatever', 'freedom', 'mustang', 'michael', 'jennifer',
  'kommun', 'kommunen', 'socialtjänst', 'socialtjanst', 'socialtjänsten', 'stockholm', 'göteborg', 'malmö', 'sverige',
  'sweden', 'svenska', 'changeme', 'default', 'secret', 'access', 'login', 'logga', 'loggain', 'start', 'starta',
  'kartlaggning', 'kartläggning', 'enkät', 'enkat', 'survey', 'volvo', 'saab', 'ikea', 'aik', 'hammarby', 'djurgården',
  'blåvitt', 'kalleanka', 'pippi', 'nalle', 'kanelbulle', 'fika',
]);

const SEQUENCES = ['0123456789012345678901234567890', 'abcdefghijklmnopqrstuvwxyzåäö', 'qwertyuiopåasdfghjklöäzxcvbnm', 'qwertyuiopasdfghjklzxcvbnm', '1qaz2wsx3edc4rfv5tgb6yhn7ujm'];

function isSequence(lower: string): boolean {
  for (const sequence of SEQUENCES) {
    for (const run of [sequence, [...sequence].reverse().join('')]) if (run.includes(lower)) return true;
  }
  return false;
}

/**
 * Checks a staff password against the policy.
 *
 * @returns the first problem, or undefined when the password is acceptable.
 * @example
 * passwordProblem('aaaaaaaaaaaa') // → 'too_few_characters'
 * passwordProblem('Lösenord2025!') // → 'common'
 * passwordProblem('fyra ord som ingen gissar') // → undefined
 */
export function passwordProblem(password: string, email?: string): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (length > MAX_PASSWORD_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  if (new Set(lower).size < 5) return 'too_few_characters';
  if (isSequence(lower)) return 'sequence';
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (COMMON_WORDS.has(core) || COMMON_WORDS.has(core.replace(/[^\p{L}]/gu, '')) || (core !== '' && isSequence(core) && core.length >= 4)) return 'common';
  if (email) {
    const address = email.toLowerCase();
    const name = address.split('@')[0];
    if (lower.includes(address) || (name.length >= 4 && lower.replace(/[^\p{L}\p{N}.]/gu, '').includes(name))) return 'contains_email';
  }
  return undefined;
}

/** The Swedish message for a problem, for forms and 400 answers. */
export function passwordProblemMessage(problem: PasswordProblem): string {
  switch (problem) {
    case 'too_short':
      return `lösenordet måste ha minst ${MIN_PASSWORD_LENGTH} tecken`;
    case 'too_long':
      return `lösenordet får ha högst ${MAX_PASSWORD_LENGTH} tecken`;
    case 'too_few_characters':
      return 'lösenordet måste ha minst 5 olika tecken';
    case 'sequence':
      return 'lösenordet får inte vara en följd av tangenter, bokstäver eller siffror';
    case 'common':
      return 'lösenordet är ett av de vanligaste lösenorden; välj något svårare att gissa, till exempel några ord i rad';
    case 'contains_email':
      return 'lösenordet får inte innehålla e-postadressen';
  }
}
