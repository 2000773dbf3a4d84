/**
 * The letter file of the current draw, in this tab's memory only (never in
 * browser storage, never sent anywhere): the sampling page puts it here and
 * the letters page prints from it. A reload forgets it; then the analyst
 * opens the saved file again.
 */
import type { LetterFile } from '../../../domain/sampling/letter-file';

export interface HeldLetters {
  readonly file: LetterFile;
  readonly fileName: string;
  readonly seed?: string;
}

const held = new Map<string, HeldLetters>();

export function holdLetters(campaignId: string, letters: HeldLetters): void {
  held.set(campaignId, letters);
}

export function heldLetters(campaignId: string): HeldLetters | undefined {
  return held.get(campaignId);
}
