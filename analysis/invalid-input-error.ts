/** The analysis functions' one error type for bad input; it lives in domain/ so that shared vocabulary (age groups) throws the same type. */
export { InvalidInputError } from '../domain/invalid-input-error';
