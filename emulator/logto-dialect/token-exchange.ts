/**
 * Logto's discovery lists the token-exchange grant (RFC 8693); the emulator registers it so the
 * document matches, and answers every request with `unsupported_grant_type`.
 * See `docs/logto-protocol.md`, "Token endpoint and errors".
 */
import type Provider from 'oidc-provider';
import { errors } from 'oidc-provider';

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

export function registerTokenExchangeStub(provider: Provider): void {
  provider.registerGrantType(TOKEN_EXCHANGE, () => {
    throw new errors.UnsupportedGrantType('token exchange is not supported by the local emulator');
  }, ['subject_token', 'subject_token_type', 'actor_token', 'actor_token_type', 'scope']);
}
