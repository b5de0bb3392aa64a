/**
 * Bearer tokens: a request's `Authorization: Bearer <JWT>` becomes its Viewer.
 *
 * Verified with `jose` against either a shared secret (HS256 only) or a JWKS URL (an OIDC identity
 * provider's keys, asymmetric algorithms from JWT_ALGORITHMS only). Both ways pin the algorithms,
 * so `alg: none` and algorithm confusion (an HS256 token signed with a public key) are refused, and
 * both check `iss`, `aud` and `exp` (30 s of clock tolerance).
 *
 * Claims: `sub` (required), `person` (Person.id), `partner` (Partner.id), `roles` (a subset of
 * ROLES: an unknown role makes the whole token invalid rather than quietly ignored), `localities`
 * (locality codes a LOCALITY_LEAD leads).
 *
 * A token issued in the future (`iat` later than now, beyond the tolerance) is refused, and so is
 * one naming a person or partner the record store does not hold (`knownInRecords`).
 *
 * No header: the anonymous viewer. A header that is present but unusable, for any reason, is an
 * InvalidTokenError: the server answers 401 UNAUTHENTICATED and never serves the request as
 * anonymous (a client that believes it is signed in must not get a silently thinner answer).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { Config } from '../config.js';
import { StartupError } from '../errors.js';
import { ANONYMOUS, ROLES, type Role, type Viewer } from './viewer.js';

const CLOCK_TOLERANCE_SECONDS = 30;

/** A present but unusable Authorization header; `reason` is for the log, never for the client. */
export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super('The bearer token is not valid');
    this.name = 'InvalidTokenError';
  }
}

const claims = z.object({
  sub: z.string().min(1, 'has no subject'),
  person: z.number().int().positive().optional(),
  partner: z.number().int().positive().optional(),
  roles: z.array(z.enum(ROLES)).default([]),
  localities: z.array(z.string().min(1)).default([]),
});

/** The claims a token carries, as minted by `mintToken`. */
export interface TokenClaims {
  subject: string;
  personId?: number;
  partnerId?: number;
  roles: readonly Role[];
  localities?: readonly string[];
}

export function viewerFromClaims(payload: JWTPayload): Viewer {
  const parsed = claims.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidTokenError(`claim ${issue.path.join('.') || '(payload)'} ${issue.message}`);
  }
  const { sub, person, partner, roles, localities } = parsed.data;
  return Object.freeze({
    anonymous: false,
    personId: person ?? null,
    partnerId: partner ?? null,
    roles: new Set<Role>(roles),
    localityCodes: new Set(localities),
    subject: sub,
  });
}

/** Where tokens' keys come from, settled once at start. */
export type TokenKeys =
  | { kind: 'secret'; secret: Uint8Array; source: 'JWT_SECRET' | 'development file'; file?: string }
  | { kind: 'jwks'; keys: JWTVerifyGetKey; url: string };

/**
 * The secret in the development file, made (32 random bytes, mode 0600) when it does not exist.
 * Only used when neither JWT_SECRET nor JWT_JWKS_URL is set: `npm start` and `npm run token` share it.
 */
export function developmentSecret(file: string): string {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return readFileSync(file, 'utf8').trim();
}

export function tokenKeys(config: Config): TokenKeys {
  if (config.JWT_SECRET && config.JWT_JWKS_URL) {
    throw new StartupError('JWT_JWKS_URL', 'and JWT_SECRET are both set: choose one way to verify tokens');
  }
  if (config.JWT_JWKS_URL) {
    return { kind: 'jwks', keys: createRemoteJWKSet(new URL(config.JWT_JWKS_URL)), url: config.JWT_JWKS_URL };
  }
  if (config.JWT_SECRET) return { kind: 'secret', secret: new TextEncoder().encode(config.JWT_SECRET), source: 'JWT_SECRET' };
  const file = config.JWT_DEV_SECRET_FILE;
  return { kind: 'secret', secret: new TextEncoder().encode(developmentSecret(file)), source: 'development file', file };
}

/** The slice of the record store the verifier reads. */
export interface KnownRecords {
  person: { count(args: { where: { id: number } }): Promise<number> };
  partner: { count(args: { where: { id: number } }): Promise<number> };
}

/**
 * Whether the person and partner a token names exist. People and partners are never deleted
 * (a person who leaves keeps their record), so a found one is remembered for the process's life
 * and a request costs no query after a token's first; one not found is asked again each time.
 */
function knownInRecords(db: KnownRecords) {
  const known = new Set<string>();
  const exists = async (kind: 'person' | 'partner', id: number | null) => {
    if (id === null || known.has(`${kind}:${id}`)) return true;
    const found = (await db[kind].count({ where: { id } })) > 0;
    if (found && known.size < 100_000) known.add(`${kind}:${id}`);
    return found;
  };
  return async (viewer: Viewer) => {
    if (!(await exists('partner', viewer.partnerId))) throw new InvalidTokenError(`claim partner ${viewer.partnerId} names no partner`);
    if (!(await exists('person', viewer.personId))) throw new InvalidTokenError(`claim person ${viewer.personId} names no person`);
  };
}

/** Verifies a request's Authorization header; returns ANONYMOUS when there is none. */
export function tokenVerifier(config: Config, keys: TokenKeys, records?: KnownRecords) {
  const checkRecords = records ? knownInRecords(records) : async () => undefined;
  const options = {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    requiredClaims: ['sub', 'exp'],
    algorithms: keys.kind === 'secret' ? ['HS256'] : config.JWT_ALGORITHMS,
  };
  return async (authorization: string | undefined): Promise<Viewer> => {
    if (authorization === undefined || authorization === '') return ANONYMOUS;
    const match = /^Bearer +([A-Za-z0-9_\-.]+)\s*$/i.exec(authorization);
    if (!match) throw new InvalidTokenError('the Authorization header is not "Bearer <token>"');
    let viewer: Viewer;
    try {
      const { payload } =
        keys.kind === 'secret'
          ? await jwtVerify(match[1]!, keys.secret, options)
          : await jwtVerify(match[1]!, keys.keys, options);
      if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS) {
        throw new InvalidTokenError('claim iat is in the future');
      }
      viewer = viewerFromClaims(payload);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      const code = (error as { code?: string }).code ?? 'ERR_UNKNOWN';
      throw new InvalidTokenError(`${code}: ${(error as Error).message}`);
    }
    // Outside the try: a store that cannot answer is a failure of ours, not a bad token.
    await checkRecords(viewer);
    return viewer;
  };
}

/** Signs a token with a shared secret (HS256): `npm run token` and the tests. */
export async function mintToken(
  secret: string | Uint8Array,
  token: TokenClaims,
  options: { issuer: string; audience: string; expiresIn?: string | number },
): Promise<string> {
  const payload: JWTPayload = {
    roles: [...token.roles],
    ...(token.personId === undefined ? {} : { person: token.personId }),
    ...(token.partnerId === undefined ? {} : { partner: token.partnerId }),
    ...(token.localities && token.localities.length > 0 ? { localities: [...token.localities] } : {}),
  };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(token.subject)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(typeof secret === 'string' ? new TextEncoder().encode(secret) : secret);
}
