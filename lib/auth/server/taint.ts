import * as React from 'react';

type TaintUniqueValue = (message: string, lifetime: object, value: string) => void;

/**
 * React's `experimental_taintUniqueValue`, present in the server build when `next.config.mjs`
 * sets `experimental.taint`; elsewhere (tests, a client bundle) there is nothing to taint.
 */
const taintUniqueValue = (React as unknown as { experimental_taintUniqueValue?: TaintUniqueValue })
  .experimental_taintUniqueValue;

const MESSAGE =
  'A Logto token was about to be passed to a client component. Tokens stay on the server: pass the session view or the claims instead.';

/**
 * Marks a token string so React refuses to serialise it into a client component's props for as
 * long as `lifetime` lives.
 * @see https://react.dev/reference/react/experimental_taintUniqueValue
 */
export function taintToken(lifetime: object, token: string): void {
  taintUniqueValue?.(MESSAGE, lifetime, token);
}
