import { randomUUID } from 'node:crypto';
import { format } from 'node:util';
import { vi } from 'vitest';
import observedSignIn from '../../logto/test-utils/observed/sign-in.json';
import { createHarness, type Harness, type HarnessOptions } from './harness.js';

/** The reason every reader gives for a session a back-channel logout ended. */
export const SIGNED_OUT_ELSEWHERE = 'session.signed_out_elsewhere';

const REGISTERED = new Set(['sub', 'nonce', 'at_hash', 'aud', 'exp', 'iat', 'iss']);
/** The ID-token profile Logto 1.37.1 sent (observed), without the registered claims the fake Logto sets itself. */
export const observedProfile: Record<string, unknown> = Object.fromEntries(
  Object.entries(observedSignIn.id_token_claims).filter(([name]) => !REGISTERED.has(name)),
);

/**
 * A harness for a fresh app id, whose fake Logto signs `profile` with a `sid` of its own: the
 * memory store and the verdict caches are process-wide and keyed by the app id, so tests do not
 * see each other's logouts. Change `profile.sid` between sign-ins to get another Logto session.
 */
export async function backchannelHarness(options: Pick<HarnessOptions, 'env' | 'logto'> = {}): Promise<{ h: Harness; profile: Record<string, unknown> }> {
  const profile = { ...observedProfile, sid: `sid-${randomUUID()}` };
  const h = await createHarness({ idp: { clientId: `app-${randomUUID()}`, profile }, ...options });
  return { h, profile };
}

/** Collects what is logged, as `<level> <text>` lines, until `vi.restoreAllMocks()`. */
export function captureConsole(): string[] {
  const logs: string[] = [];
  for (const level of ['info', 'warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logs.push(`${level} ${format(...args)}`));
  }
  return logs;
}
