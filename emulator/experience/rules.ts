/**
 * The input rules of the sign-in experience (username: letters, digits and underscores, not
 * starting with a digit; password: at least 8 characters) and the English message shown for each
 * broken rule or failed step. See `docs/logto-protocol.md`, "Sign-in experience".
 */

export const MIN_PASSWORD_LENGTH = 8;
export const USERNAME_PATTERN = /^[A-Z_a-z]\w*$/;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const messages = {
  wrongPassword: 'Incorrect account or password. Please check your input.',
  usernameInvalid: 'Usernames may contain only letters, numbers and underscores, and must not start with a number.',
  usernameTaken: 'This username is already in use.',
  emailInvalid: 'The email is invalid.',
  emailTaken: 'This email is associated with an existing account.',
  emailUnknown: 'No account uses this email.',
  passwordTooShort: `Password requires a minimum of ${MIN_PASSWORD_LENGTH} characters.`,
  codeMismatch: 'Invalid verification code.',
  codeExpired: 'Verification code has expired. Please get a new one.',
  codeAttempts: 'Too many attempts. Please get a new code.',
  sendFailed: 'The verification code could not be sent. Please try again.',
  noEmailConnector: 'Email sign-in is not available: no email connector is configured.',
  passwordReset: 'Your password has been reset. Sign in with your new password.',
} as const;
