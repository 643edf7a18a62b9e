import type { LogtoConfig } from '../../config.js';
import { processRevocationResponse, revocationRequest } from '../../logto/revocation.js';
import { logAuthEvent } from '../log.js';
import { discover, requestOptions } from '../logto-client.js';

/**
 * Revokes a refresh token at Logto (RFC 7009), best effort: a session that ends here must not
 * wait on Logto, and Logto keeps the grant of an `offline_access` client when its own session
 * ends, so without this the token would stay usable for its whole lifetime. Never throws; a
 * failure is logged by code.
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2
 */
export async function revokeRefreshToken(config: LogtoConfig, refreshToken: string, why: string): Promise<boolean> {
  try {
    const discovery = await discover(config);
    const response = await revocationRequest(
      discovery,
      { clientId: config.appId, clientSecret: config.appSecret, token: refreshToken, tokenTypeHint: 'refresh_token' },
      requestOptions(),
    );
    await processRevocationResponse(response);
    return true;
  } catch (error) {
    logAuthEvent('error', `refresh token revocation failed (${why})`, error);
    return false;
  }
}
