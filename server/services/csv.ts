/** CSV writing lives in domain/csv.ts (the browser writes the letter file with it too). */
export { csvLine } from '../../domain/csv';
