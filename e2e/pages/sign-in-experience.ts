/**
 * The sign-in pages the app sends users to: the local provider's, or Logto's own. Specs talk to
 * this interface; the fixture picks the implementation by mode (see ../mode.ts).
 */
export interface SignInExperience {
  /** The sign-in form is on screen. */
  expectVisible(): Promise<void>;
  /** Types the credentials without submitting (for tests that submit several tabs at once). */
  fillCredentials(username: string, password: string): Promise<void>;
  submit(): Promise<void>;
  signInWithPassword(username: string, password: string): Promise<void>;
  /** Registers a username + password user from the registration screen. */
  createAccount(username: string, password: string): Promise<void>;
  /**
   * The page shows a sign-in error and stays on the sign-in page. `localText` is the local
   * provider's exact message; Logto's wording differs between versions and is not compared.
   */
  expectSignInError(localText: string): Promise<void>;
  // The local provider only (its mock connectors and Postmark outbox); specs skip them for Logto.
  requestEmailCode(email: string): Promise<void>;
  enterCode(code: string): Promise<void>;
  continueWith(connector: 'Feishu' | 'Azure AD' | 'GitLab'): Promise<void>;
  cancel(): Promise<void>;
}
