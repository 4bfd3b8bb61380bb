import type { Context } from '../context.js';
import type { Mention } from '../generated/prisma/client.js';
import { builder } from './builder.js';
import { EntityUnion, loadEntity } from './entity.js';
import { OrganizationRef, PersonRef } from './refs.js';
import { citationsField } from './source.js';

const MentionRef = builder.objectRef<Mention>('Mention').implement({
  description:
    'One record naming another by identifier in a cited passage ("Founder and leader of Ansar Eddine (QDe.135)"). ' +
    'It states no role or tie: read the passage.',
  fields: (t) => ({
    from: t.field({
      type: EntityUnion,
      description: 'The record whose passage names the other.',
      resolve: (m, _, ctx) => loadEntity(ctx, m.fromOrganizationId, m.fromPersonId),
    }),
    to: t.field({
      type: EntityUnion,
      description: 'The record named.',
      resolve: (m, _, ctx) => loadEntity(ctx, m.toOrganizationId, m.toPersonId),
    }),
    reference: t.exposeString('reference', { description: 'The identifier as the passage writes it ("QDe.135").' }),
    citations: t.field(citationsField('mentionId')),
  }),
});

const mentionsField = {
  type: [MentionRef] as [typeof MentionRef],
  description: 'Records this one names by identifier in its passages, and those that name it, with the passages.',
  resolve: (row: { id: string }, _args: object, ctx: Context) => ctx.loaders.mentionsByEntityLoader.load(row.id),
};

builder.objectField(OrganizationRef, 'mentions', (t) => t.field(mentionsField));
builder.objectField(PersonRef, 'mentions', (t) => t.field(mentionsField));
