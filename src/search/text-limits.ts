// Free-text arguments (search queries, names to resolve, name filters) are bounded by what is
// compared: their normalised form. Unicode normalisation can expand a character into several letters
// (U+3300-U+3357 become whole words), so a raw cap alone would not bound the work.
import { badUserInput } from '../errors.js';
import { normalizeText } from './normalize.js';

/** Longest free text, in characters once normalised. */
export const MAX_NORMALIZED_TEXT = 200;

/**
 * The normalised form of a free-text argument, or BAD_USER_INPUT when it is too long. The raw text is
 * refused first when it is far over (normalisation never runs over megabytes).
 */
export function boundedText(text: string, argument: string): string {
  const normalized = text.length > MAX_NORMALIZED_TEXT * 2 ? null : normalizeText(text);
  if (normalized === null || normalized.length > MAX_NORMALIZED_TEXT) {
    throw badUserInput(`"${argument}" must be at most ${MAX_NORMALIZED_TEXT} characters once normalised.`, argument);
  }
  return normalized;
}
