/** Bad input to a sampling function; the Swedish message names the function's requirement. */
export class SamplingInputError extends Error {
  override readonly name = 'SamplingInputError';
}
