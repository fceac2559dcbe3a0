// RS256 JSON Web Tokens signed with locally generated keys, and the key sets a Bot Framework
// channel would publish, for tests of the bot's inbound authentication. Signed with node:crypto
// directly so the test does not lean on the library it is testing (botbuilder verifies with
// jsonwebtoken).
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  /** The public half as a JWK, as published under the metadata's jwks_uri. */
  jwk: { kty: string; n: string; e: string; kid: string; use: 'sig'; alg: 'RS256'; endorsements?: string[] };
}

export function newSigningKey(kid: string, endorsements?: string[]): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; n: string; e: string };
  return {
    kid,
    privateKey,
    jwk: { kty: jwk.kty, n: jwk.n, e: jwk.e, kid, use: 'sig', alg: 'RS256', ...(endorsements ? { endorsements } : {}) },
  };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS: header.payload.signature, RS256 with the key's private half. */
export function signJwt(payload: Record<string, unknown>, key: { kid: string; privateKey: KeyObject }): string {
  const signingInput = `${base64url({ alg: 'RS256', typ: 'JWT', kid: key.kid })}.${base64url(payload)}`;
  const signature = sign('RSA-SHA256', Buffer.from(signingInput), key.privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
}
