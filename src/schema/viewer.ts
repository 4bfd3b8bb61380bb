// Who the API takes the caller to be: a client can check that its key works, and for what role, before it
// writes. Public: anonymous callers learn that they are anonymous.
import type { Identity } from '../auth/api-keys.js';
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

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerRef,
    description: 'Who the API takes the caller to be. An unknown or revoked key never gets here: it is refused with HTTP 401 `UNAUTHENTICATED`.',
    resolve: (_, __, ctx) => ctx.identity,
  }),
}));
