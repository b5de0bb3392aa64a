/**
 * Tokens from an identity provider: the server verifies them against the provider's JSON Web Key
 * Set (a real HTTP server on loopback here), accepts only the asymmetric algorithms configured,
 * and refuses a key it does not publish and an HS256 token (algorithm confusion).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type GenerateKeyPairResult, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { tokenFor } from '../support/tokens.js';

let t: TestServer;
let provider: http.Server;
let sign: (claims: Record<string, unknown>, key?: GenerateKeyPairResult['privateKey'], kid?: string) => Promise<string>;
let stranger: GenerateKeyPairResult['privateKey'];

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  stranger = (await generateKeyPair('ES256')).privateKey;
  const jwk = { ...(await exportJWK(publicKey)), kid: 'provider-key', alg: 'ES256', use: 'sig' };
  provider = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/jwks.json`;
  sign = (claims, key = privateKey, kid = 'provider-key') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject('sso|alice')
      .setIssuer('https://idp.example')
      .setAudience('locality-intelligence')
      .setExpirationTime('10m')
      .sign(key);
  t = await startTestServer({ sample: false, env: { JWT_SECRET: '', JWT_JWKS_URL: url, JWT_ISSUER: 'https://idp.example', JWT_ALGORITHMS: 'ES256' } });
});
afterAll(async () => {
  await t?.stop();
  provider?.close();
});

const VIEWER = '{ viewer { signedIn subject roles } }';

describe('a JWKS-verified token', () => {
  it("signed by the provider's published key is the viewer", async () => {
    const res = await t.gql(VIEWER, {}, { token: await sign({ roles: ['ANALYST'] }) });
    expect(res.data.viewer).toEqual({ signedIn: true, subject: 'sso|alice', roles: ['ANALYST'] });
  });

  it('signed by another key, or HS256 with any secret, is refused with 401 UNAUTHENTICATED', async () => {
    const forged = await sign({ roles: ['ADMIN'] }, stranger);
    const unknownKid = await sign({ roles: ['ADMIN'] }, stranger, 'other-key');
    const symmetric = await tokenFor({ roles: ['ADMIN'], issuer: 'https://idp.example' });
    for (const token of [forged, unknownKid, symmetric]) {
      const res = await t.gql(VIEWER, {}, { token });
      expect([res.status, res.errors?.[0]?.extensions?.code, res.data]).toEqual([401, 'UNAUTHENTICATED', undefined]);
    }
  });
});
