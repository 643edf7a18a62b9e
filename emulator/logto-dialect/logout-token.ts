/**
 * Logto's back-channel logout token has no `exp`.
 *
 * OpenID Connect Back-Channel Logout 1.0 §2.4 lists the Logout Token's claims (`iss`, `sub`, `aud`,
 * `iat`, `jti`, `events`, `sid`; the final spec adds `exp`). Logto 1.37.1 issues it with
 * oidc-provider 8 (its fork), which signs `{sub, events, jti, sid?, aud, iat, iss}` under the header
 * `{alg, typ: "logout+jwt", kid}`, without `exp`. oidc-provider 9 adds `exp = iat + 120`; this
 * patch takes it out again and re-signs the token with the same header and key, so relying parties
 * see what Logto sends.
 */
import { createPrivateKey, type JsonWebKey } from 'node:crypto';

import { CompactSign, decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import type Provider from 'oidc-provider';

type IdTokenPrototype = InstanceType<Provider['IdToken']>;

export function patchLogoutTokenWithoutExpiry(provider: Provider, signingKey: JWK): void {
  const key = createPrivateKey({ key: signingKey as JsonWebKey, format: 'jwk' });
  const prototype = provider.IdToken.prototype as IdTokenPrototype;
  const issue = prototype.issue;

  prototype.issue = async function issueLikeLogto(this: IdTokenPrototype, context) {
    const token = await issue.call(this, context);
    if (context.use !== 'logout') return token;

    const header = decodeProtectedHeader(token);
    // Only the provider's own signature can be redone (an HS-signed or encrypted token stays as is).
    const { alg } = header;
    if (token.split('.').length !== 3 || alg === undefined || alg !== signingKey.alg || header.kid !== signingKey.kid) return token;
    const { exp: _oidcProvider9Expiry, ...claims } = decodeJwt(token);
    return new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ ...header, alg }).sign(key);
  };
}
