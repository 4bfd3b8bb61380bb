// Single sign-on: a JWT from an identity provider, sent as `Authorization: Bearer <token>` like a key, is
// verified against the provider's published keys (AUTH_JWKS_URL, fetched and cached by jose), its issuer and
// audience checked, its role read from a claim (AUTH_ROLE_CLAIM). Neither the token nor its claims are logged.
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { API_ROLES, AuthenticationError, type Identity } from './api-keys.js';
import type { ApiRole } from '../generated/prisma/enums.js';

export interface SsoConfig {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** The claim holding the role: a string or a list of strings ("editor", ["reader", "reviewer"]). */
  roleClaim: string;
}

/** A compact JWS: three base64url parts. API keys never look like one. */
export const looksLikeJwt = (token: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);

/** The highest role of this API a claim names, if any. */
function roleOf(payload: JWTPayload, claim: string): ApiRole | null {
  const value = payload[claim];
  const named = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string').map((v) => v.toUpperCase());
  const known = API_ROLES.filter((role) => named.includes(role));
  return known.at(-1) ?? null;
}

export function tokenVerifier(config: SsoConfig, fetchKeys = createRemoteJWKSet(new URL(config.jwksUrl))) {
  return async function verify(token: string): Promise<Identity> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, fetchKeys, { issuer: config.issuer, audience: config.audience }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new AuthenticationError('The token has expired.');
      if (error instanceof errors.JOSEError) throw new AuthenticationError('The token was not issued for this API, or its signature does not verify.');
      throw error;
    }
    const role = roleOf(payload, config.roleClaim);
    if (!role) throw new AuthenticationError(`The token carries no role of this API in its "${config.roleClaim}" claim.`);
    const subject = typeof payload.sub === 'string' && payload.sub ? payload.sub : null;
    if (!subject) throw new AuthenticationError('The token names no subject.');
    const name = typeof payload.name === 'string' && payload.name ? payload.name : subject;
    return { kind: 'key', keyId: `sso:${subject}`, name, role };
  };
}

/** Who a bearer credential is: a JWT when single sign-on is set, else an API key. */
export function callerVerifier(keys: (authorization: string | null | undefined) => Promise<Identity>, sso?: (token: string) => Promise<Identity>) {
  return async (authorization: string | null | undefined): Promise<Identity> => {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    return sso && token && looksLikeJwt(token) ? sso(token) : keys(authorization);
  };
}
