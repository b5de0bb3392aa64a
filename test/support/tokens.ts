/**
 * Tokens for tests, signed with the secret every test server is started with (see
 * test/support/server.ts), so `t.gql(query, variables, { token })` is a signed-in request.
 */
import { mintToken } from '../../src/auth/token.js';
import type { Role } from '../../src/auth/viewer.js';

export const TEST_JWT_SECRET = 'test-secret-for-locality-intelligence-0123456789';
export const TEST_JWT_ISSUER = 'locality-intelligence';
export const TEST_JWT_AUDIENCE = 'locality-intelligence';

export interface TokenFor {
  personId?: number;
  partnerId?: number;
  roles: readonly Role[];
  localities?: readonly string[];
  subject?: string;
  /** A jose time span ("2h") or a NumericDate; defaults to one hour. */
  expiresIn?: string | number;
  /** Sign with another secret (to test a wrong signature). */
  secret?: string;
  issuer?: string;
  audience?: string;
}

export function tokenFor(options: TokenFor): Promise<string> {
  return mintToken(
    options.secret ?? TEST_JWT_SECRET,
    {
      subject: options.subject ?? `test:${options.personId ?? 'nobody'}`,
      personId: options.personId,
      partnerId: options.partnerId,
      roles: options.roles,
      localities: options.localities,
    },
    { issuer: options.issuer ?? TEST_JWT_ISSUER, audience: options.audience ?? TEST_JWT_AUDIENCE, expiresIn: options.expiresIn ?? '1h' },
  );
}
