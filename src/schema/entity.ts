import type { Context } from '../context.js';
import type { OrganizationRow, PersonRow } from '../resolvers/lean-rows.js';
import { builder } from './builder.js';
import { OrganizationRef, PersonRef } from './refs.js';

export type Entity = OrganizationRow | PersonRow;

/** An organization or a person: what imports link, and what a mention names. */
export const EntityUnion = builder.unionType('Entity', {
  description: 'An organization or a person.',
  types: [OrganizationRef, PersonRef],
  resolveType: (entity) => ('kind' in entity ? OrganizationRef : PersonRef),
});

/** The organization or person a pair of nullable foreign keys points at (a CHECK sets exactly one). */
export async function loadEntity(ctx: Context, organizationId: string | null, personId: string | null): Promise<Entity> {
  return (organizationId ? await ctx.loaders.organizationLoader.load(organizationId) : await ctx.loaders.personLoader.load(personId!))!;
}
