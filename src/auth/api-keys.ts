// API keys: made and revoked by the operator (`npm run keys`), sent by clients as `Authorization: Bearer <key>`.
// Only a key's SHA-256 is stored, so a copy of the database gives no working key; the key is shown once.
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { ApiRole } from '../generated/prisma/enums.js';

export const API_ROLES = ['READER', 'EDITOR', 'REVIEWER', 'ADMIN'] as const satisfies readonly ApiRole[];

/** "sk_" and 32 random bytes, base64url: 46 characters, 256 bits no one guesses. */
const KEY_FORMAT = /^sk_[A-Za-z0-9_-]{43}$/;
/** Characters of a key kept to tell keys apart in lists. */
const PREFIX_LENGTH = 8;

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** Creates a key: the record, and the key itself, which is not stored and cannot be shown again. */
export async function createApiKey(db: PrismaClient, name: string, role: ApiRole) {
  const key = `sk_${randomBytes(32).toString('base64url')}`;
  const record = await db.apiKey.create({ data: { name, role, keyHash: hashKey(key), prefix: key.slice(0, PREFIX_LENGTH) } });
  return { key, record };
}

export function listApiKeys(db: PrismaClient) {
  return db.apiKey.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true, name: true, role: true, prefix: true, createdAt: true, revokedAt: true } });
}

/** Revokes the keys whose id or prefix is `which`: none when it names no key, every one it names otherwise. */
export async function revokeApiKey(db: PrismaClient, which: string) {
  const byId = /^[0-9a-f-]{36}$/i.test(which) ? { id: which } : { prefix: which };
  const { count } = await db.apiKey.updateMany({ where: { ...byId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}

/** Who sent a request: a verified key's holder and role, or no one. */
export type Identity = { kind: 'anonymous' } | { kind: 'key'; keyId: string; name: string; role: ApiRole };
export const ANONYMOUS: Identity = { kind: 'anonymous' };

/** What an Authorization header fails on, in a client's words (never echoing what it sent). */
export class AuthenticationError extends Error {}

/**
 * Verifies keys against the database, remembering each answer for a second: a revoked key stops working on
 * every server within that second, and a burst of requests costs one lookup. Unknown keys are remembered as
 * unknown too, so a stream of invented keys costs one lookup each a second, not one a request.
 */
export function keyVerifier(db: PrismaClient, ttlMs = 1_000) {
  const remembered = new Map<string, { identity: Identity | null; at: number }>();
  return async function identify(authorization: string | null | undefined): Promise<Identity> {
    if (authorization === null || authorization === undefined || authorization === '') return ANONYMOUS;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!m) throw new AuthenticationError('The Authorization header must be "Bearer <key>".');
    const key = m[1]!;
    if (!KEY_FORMAT.test(key)) throw new AuthenticationError('The key sent is not an API key of this service.');
    const hash = hashKey(key);
    const now = Date.now();
    let known = remembered.get(hash);
    if (!known || now - known.at >= ttlMs) {
      const record = await db.apiKey.findUnique({ where: { keyHash: hash } });
      known = { identity: record && !record.revokedAt ? { kind: 'key', keyId: record.id, name: record.name, role: record.role } : null, at: now };
      // Bounded: past 10,000 keys remembered, the oldest half is forgotten (each is looked up again).
      if (remembered.size >= 10_000) for (const k of [...remembered.keys()].slice(0, 5_000)) remembered.delete(k);
      remembered.set(hash, known);
    }
    if (!known.identity) throw new AuthenticationError('The key sent is unknown or revoked.');
    return known.identity;
  };
}
