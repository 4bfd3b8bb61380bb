// The arguments and field of three-valued temporal questions ("who led it in 2019?"), shared by
// memberships, ties and areas (src/resolvers/temporal.ts holds the logic).
import type { Matched } from '../resolvers/temporal.js';
import { builder } from './builder.js';
import { TemporalCertaintyEnum } from './enums.js';

/** `asOf`, `current` and `certainty`, described for the list they narrow ("leaders", "ties"). */
export function temporalArgs(what: string) {
  return builder.args((t) => ({
    asOf: t.string({
      description:
        `Only ${what} that may have been in effect at some time within this date ("2019", "2019-06", "2019-06-15"), each ` +
        'with its `certainty`. Unknown dates do not exclude: they make the answer POSSIBLE.',
    }),
    current: t.boolean({
      description: `true: only ${what} that may still be in effect today (never with a reported death); false: only those that may have ended. Not with \`asOf\`.`,
    }),
    certainty: t.field({
      type: TemporalCertaintyEnum,
      description: 'With `asOf` or `current`: CERTAIN keeps only what the known dates place then; POSSIBLE (the default) keeps both.',
    }),
  }));
}

/** The `certainty` field of a row that `asOf` or `current` may have matched. */
export function certaintyField(what: string) {
  return {
    type: TemporalCertaintyEnum,
    nullable: true as const,
    description: `When the ${what} was listed by \`asOf\` or \`current\`: whether its known dates place it then (CERTAIN) or only do not exclude it (POSSIBLE). Null otherwise.`,
    resolve: (row: object) => (row as Matched<object>).certainty ?? null,
  };
}
