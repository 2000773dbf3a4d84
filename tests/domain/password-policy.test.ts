import { describe, expect, it } from 'vitest';
import { passwordProblem, passwordProblemMessage } from '../../domain/password-policy';

describe('passwordProblem', () => {
  it.each([
    ['kort', 'too_short'],
    ['aaaaaaaaaaaa', 'too_few_characters'],
    ['abababababab', 'too_few_characters'],
    ['123456789012', 'sequence'],
    ['qwertyuiopas', 'sequence'],
    ['Lösenord2025!', 'common'],
    ['password1234', 'common'],
    ['Sommar2024!!', 'common'],
    ['!!välkommen!!', 'common'],
    ['abcdef123456', 'common'],
  ])('refuses %s (%s)', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it('refuses the e-mail address or its name part', () => {
    expect(passwordProblem('anna.svensson-2025', 'anna.svensson@kommun.se')).toBe('contains_email');
    expect(passwordProblem('anna.svensson-2025', 'other@kommun.se')).toBeUndefined();
  });

  it('accepts long passphrases and generated passwords', () => {
    expect(passwordProblem('fyra ord som ingen gissar')).toBeUndefined();
    expect(passwordProblem('Kx7-pQ2v-Lm9r')).toBeUndefined();
    expect(passwordProblem('test-password-123')).toBeUndefined();
  });

  it('explains each problem in Swedish', () => {
    expect(passwordProblemMessage('too_short')).toBe('lösenordet måste ha minst 12 tecken');
    expect(passwordProblemMessage('common')).toContain('vanligaste');
  });
});
