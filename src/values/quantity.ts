// Numbers as sources state them: a figure, a range, "around", "at least", "more than", "up to".
import type { QuantityQualifier } from '../generated/prisma/enums.js';

/**
 * Why `qualifier` does not fit the bounds (null when it does); without a qualifier, only a single
 * figure (EXACT) or a range (BETWEEN) is implied: an open bound must say which words it stands for.
 * The same rules are CHECK constraints in the database.
 */
export function qualifierProblem(min: number | null, max: number | null, qualifier: QuantityQualifier | undefined): string | null {
  if (min === null && max === null) return 'give min, max or both';
  if (min !== null && max !== null && min > max) return 'min must not exceed max';
  const q = qualifier ?? impliedQualifier(min, max);
  if (!q) return 'one bound alone needs a qualifier: AT_LEAST or MORE_THAN (min), AT_MOST or LESS_THAN (max)';
  switch (q) {
    case 'EXACT':
      return min !== null && min === max ? null : 'EXACT needs min = max';
    case 'BETWEEN':
      return min !== null && max !== null && min < max ? null : 'BETWEEN needs min < max';
    case 'APPROXIMATE':
      return min !== null && max !== null ? null : 'APPROXIMATE needs min and max (equal for "around N")';
    case 'AT_LEAST':
    case 'MORE_THAN':
      return min !== null && max === null ? null : `${q} needs min and no max`;
    case 'AT_MOST':
    case 'LESS_THAN':
      return max !== null && min === null ? null : `${q} needs max and no min`;
  }
}

/** EXACT for one figure, BETWEEN for a range; null for a lone bound, whose words must be given. */
export function impliedQualifier(min: number | null, max: number | null): QuantityQualifier | null {
  if (min === null || max === null) return null;
  return min === max ? 'EXACT' : 'BETWEEN';
}
