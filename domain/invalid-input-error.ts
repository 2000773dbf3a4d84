/**
 * The one error type thrown by the pure functions of `analysis/` and
 * `domain/` for bad input.
 * The message names the function and the requirement, e.g.
 * `wilsonInterval: x must be an integer in [0, n], got 7.5`.
 *
 * Pure code never returns NaN silently; it throws this instead, so a
 * broken number cannot flow into a report unnoticed.
 */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';

  constructor(message: string) {
    super(message);
  }
}
