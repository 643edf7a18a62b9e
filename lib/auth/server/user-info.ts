import { cache } from 'react';
import type { LogtoConfig } from '../../config.js';
import { LogtoError, type LogtoErrorCode } from '../../logto/errors.js';
import type { UserInfoResponse } from '../../logto/types.js';
import { processUserinfoResponse, userinfoRequest } from '../../logto/userinfo.js';
import { logAuthEvent } from '../log.js';
import { discover, requestOptions } from '../logto-client.js';
import { nowSeconds, type RequestSessionReader } from './request-session.js';

/** Logto's userinfo answer, or why there is none. */
export type UserInfoResult<Info extends object = UserInfoResponse> =
  | { ok: true; userInfo: Info }
  | { ok: false; reason: 'signed_out' | 'expired' | 'request_failed'; error?: LogtoErrorCode };

/**
 * `fetchUserInfo` for the session `readSession` reads: calls Logto's userinfo endpoint with the
 * session's access token (the seed SDK's `fetchUserInfo`), at most once per request.
 */
export function createUserInfoFetcher<UserInfo extends object>(config: () => LogtoConfig, readSession: RequestSessionReader) {
  /**
   * Logto's userinfo for the signed-in user: `custom_data`, `identities`, `organization_data` and
   * the profile claims. One call per request at most.
   */
  return cache(async (): Promise<UserInfoResult<UserInfo>> => {
    const read = await readSession();
    if (!read) return { ok: false, reason: 'signed_out' };
    const { session } = read;
    if (!session.accessToken || session.accessToken.expiresAt <= nowSeconds()) {
      return { ok: false, reason: 'expired' };
    }
    try {
      const discovery = await discover(config());
      const response = await userinfoRequest(discovery, session.accessToken.token, requestOptions());
      const userInfo = await processUserinfoResponse(response, { expectedSubject: session.claims.sub });
      // The app's declared `custom_data` type (`LogtoTypes`); see types.ts.
      return { ok: true, userInfo: userInfo as UserInfo };
    } catch (error) {
      logAuthEvent('error', 'userinfo failed', error);
      return { ok: false, reason: 'request_failed', error: error instanceof LogtoError ? error.code : undefined };
    }
  });
}
