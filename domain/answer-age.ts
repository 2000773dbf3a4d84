/**
 * A respondent's own age answer against the sampling frame's age range.
 *
 * The frame counts age at the end of the reference year (SCB's "ålder vid
 * årets slut"): someone sampled as 18 may still be 17 when answering, and
 * fieldwork that runs into the next year meets people one year older than
 * the frame says. So the questionnaire accepts one year either side of the
 * range, and the analysis counts such an answer as the nearest edge.
 */

/** Years an age answer may lie outside the frame's range. */
export const AGE_ANSWER_TOLERANCE = 1;

export interface AgeRange {
  readonly minAge: number;
  readonly maxAge: number;
}

/**
 * The ages the questionnaire accepts for a frame of `minAge`–`maxAge`.
 * @example
 * acceptedAgeAnswers({ minAge: 18, maxAge: 85 }) // → { min: 17, max: 86 }
 */
export function acceptedAgeAnswers(range: AgeRange): { min: number; max: number } {
  return { min: Math.max(0, range.minAge - AGE_ANSWER_TOLERANCE), max: range.maxAge + AGE_ANSWER_TOLERANCE };
}

/**
 * An age answer in the frame's terms: within the tolerance below or above the
 * range it counts as the range's lowest or highest age; any other age is
 * returned unchanged.
 * @example
 * frameAge(17, { minAge: 18, maxAge: 85 }) // → 18
 * frameAge(86, { minAge: 18, maxAge: 85 }) // → 85
 * frameAge(40, { minAge: 18, maxAge: 85 }) // → 40
 */
export function frameAge(age: number, range: AgeRange): number {
  if (age < range.minAge && age >= range.minAge - AGE_ANSWER_TOLERANCE) return range.minAge;
  if (age > range.maxAge && age <= range.maxAge + AGE_ANSWER_TOLERANCE) return range.maxAge;
  return age;
}
