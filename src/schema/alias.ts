import { builder } from './builder.js';
import { AliasKindEnum, AliasQualityEnum } from './enums.js';
import { AliasRef } from './refs.js';
import { citationsField } from './source.js';

AliasRef.implement({
  description: 'Another name of an organization or a person: acronym, transliteration, translation, former name, nom de guerre.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The name as the source writes it.' }),
    kind: t.expose('kind', { type: AliasKindEnum, description: 'How it relates to the canonical name.' }),
    language: t.exposeString('language', {
      nullable: true,
      description: 'BCP 47 language tag, with script when it matters: "en", "fr", "ar", "ar-Latn" (Arabic in Latin letters).',
    }),
    quality: t.expose('quality', { type: AliasQualityEnum, description: 'Whether the name identifies its entity on its own.' }),
    citations: t.field(citationsField('aliasId')),
  }),
});

/** The arguments by which alias lists can be narrowed. */
export const aliasArgs = builder.args((t) => ({
  kind: t.field({ type: [AliasKindEnum], description: 'Only aliases of these kinds.' }),
  language: t.string({ description: 'Only aliases in this language tag or its subtags ("ar" matches "ar-Latn").' }),
}));

export function filterAliases<A extends { kind: string; language: string | null }>(
  aliases: A[],
  args: { kind?: readonly string[] | null; language?: string | null },
): A[] {
  // Unfiltered, the list as read: copying every person's aliases was 4% of what the transitive question allocated.
  if (!args.kind && !args.language) return aliases;
  return aliases.filter(
    (a) =>
      (!args.kind || args.kind.includes(a.kind)) &&
      (!args.language || a.language === args.language || (a.language ?? '').startsWith(`${args.language}-`)),
  );
}
