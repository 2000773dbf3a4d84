import { describe, expect, it } from 'vitest';
import { acceptedAgeAnswers, frameAge } from '../../domain/answer-age';

describe('age answers against the frame', () => {
  const frame = { minAge: 18, maxAge: 85 };

  it('accepts one year either side of the frame, never below 0', () => {
    expect(acceptedAgeAnswers(frame)).toEqual({ min: 17, max: 86 });
    expect(acceptedAgeAnswers({ minAge: 0, maxAge: 17 })).toEqual({ min: 0, max: 18 });
  });

  it('counts an answer one year outside as the edge, and leaves every other age alone', () => {
    expect([16, 17, 18, 40, 85, 86, 87].map((age) => frameAge(age, frame))).toEqual([16, 18, 18, 40, 85, 85, 87]);
  });
});
