// Who the API takes the caller to be: a client can check that its key works, and for what role, before it
// writes. Public: anonymous callers learn that they are anonymous.
import { listApiKeys, type Identity } from '../auth/api-keys.js';
import { ApiRole } from '../generated/prisma/enums.js';
import { builder } from './builder.js';

const ApiRoleEnum = builder.enumType(ApiRole, {
  name: 'ApiRole',
  description: 'What an API key may do.',
  values: {
    READER: { description: 'Reads.' },
    EDITOR: { description: 'Reads, and will write facts and sources.' },
    REVIEWER: { description: 'As an editor, and will merge, unmerge, retract and revert.' },
    ADMIN: { description: 'As a reviewer, and manages keys.' },
  },
});

const ViewerRef = builder.objectRef<Identity>('Viewer').implement({
  description: 'The caller, as the API verified it: the holder and role of the key sent (`Authorization: Bearer <key>`), or anonymous.',
  fields: (t) => ({
    authenticated: t.boolean({ description: 'True when the request sent a key the API verified.', resolve: (i) => i.kind === 'key' }),
    name: t.string({ nullable: true, description: 'The key\'s holder, as the operator named it; null when anonymous.', resolve: (i) => (i.kind === 'key' ? i.name : null) }),
    role: t.field({ type: ApiRoleEnum, nullable: true, description: 'The key\'s role; null when anonymous (who may read).', resolve: (i) => (i.kind === 'key' ? i.role : null) }),
  }),
});

const ApiKeyRef = builder.objectRef<{ id: string; name: string; role: ApiRole; prefix: string; createdAt: Date; revokedAt: Date | null }>('ApiKey').implement({
  description: 'An API key, as an admin sees it: never the key itself, which only its holder has.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Its identifier (for `npm run keys -- revoke`).' }),
    name: t.exposeString('name', { description: 'Its holder, as the operator named it.' }),
    role: t.field({ type: ApiRoleEnum, description: 'What it may do.', resolve: (k) => k.role }),
    prefix: t.exposeString('prefix', { description: 'Its first characters, to tell keys apart.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was made.', resolve: (k) => k.createdAt }),
    revokedAt: t.field({ type: 'DateTime', nullable: true, description: 'When it stopped working; null while in use.', resolve: (k) => k.revokedAt }),
  }),
});

builder.queryFields((t) => ({
  apiKeys: t.field({
    type: [ApiKeyRef],
    authScopes: { admin: true },
    description: 'Every API key, oldest first, revoked ones included (admins only: others get `FORBIDDEN`, anonymous callers `UNAUTHENTICATED`).',
    resolve: (_, __, ctx) => listApiKeys(ctx.db),
  }),
  viewer: t.field({
    type: ViewerRef,
    description: 'Who the API takes the caller to be. An unknown or revoked key never gets here: it is refused with HTTP 401 `UNAUTHENTICATED`.',
    resolve: (_, __, ctx) => ctx.identity,
  }),
}));
