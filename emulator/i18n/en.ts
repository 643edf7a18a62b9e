/**
 * The sign-in experience's English text. The e2e page objects and `emulator/README.md` name
 * these strings, so they do not change; `ja.ts` must have exactly the same keys.
 */
import { messages, MIN_PASSWORD_LENGTH } from '../experience/rules';

export const en = {
  layout: {
    brandTag: '(local)',
    footer: 'Local Logto emulator · not for production',
  },
  /** The client's name when it has none. */
  theApplication: 'the application',
  or: 'or',
  continueWith: (connector: string) => `Continue with ${connector}`,
  cancel: 'Cancel',
  username: 'Username',
  password: 'Password',
  email: 'Email',
  signIn: {
    title: 'Sign in',
    subheading: (appName: string) => `to continue to ${appName}`,
    submit: 'Sign in',
    createAccount: 'Create an account',
    withEmailCode: 'Sign in with email code',
    forgotPassword: 'Forgot password?',
  },
  register: {
    title: 'Create account',
    subheading: (appName: string) => `to continue to ${appName}`,
    usernameHint: 'Letters, numbers and underscores.',
    passwordHint: `At least ${MIN_PASSWORD_LENGTH} characters.`,
    emailHint: 'Optional.',
    submit: 'Create account',
    backToSignIn: 'Back to sign in',
    withEmailCode: 'Sign up with email code',
  },
  emailCode: {
    resetTitle: 'Reset password',
    registerTitle: 'Create account with email',
    signInTitle: 'Sign in with email',
    resetSubheading: 'We will email you a verification code.',
    subheading: (appName: string) => `We will email you a code to continue to ${appName}.`,
    sendCode: 'Send code',
    backToSignIn: 'Back to sign in',
    createAccount: 'Create an account',
    verificationCode: 'Verification code',
    codeHint: 'The code is valid for 10 minutes.',
    newPassword: 'New password',
    resetPassword: 'Reset password',
    continue: 'Continue',
    getNewCode: 'Get a new code',
    useDifferentEmail: 'Use a different email',
    checkEmailTitle: 'Check your email',
    sentTo: (email: string) => `We sent a code to ${email}.`,
  },
  consent: {
    title: 'Authorize',
    heading: 'Authorize access',
    asksFor: (appName: string) => `${appName} asks for:`,
    authorize: 'Authorize',
  },
  pages: {
    expired: { heading: 'Session expired', message: 'Session not found. Please go back and sign in again.' },
    notAllowed: { heading: 'Not allowed', message: 'This page only accepts GET and POST.' },
    notFound: { heading: 'Not found', message: 'This page does not exist.' },
    unknownConnector: { heading: 'Unknown connector', message: 'No enabled social connector has this id.' },
    otherBrowser: { heading: 'Sign-in failed', message: 'This sign-in attempt was started in another browser.' },
  },
  social: {
    theProvider: 'the social provider',
    cancelled: (name: string) => `Sign-in with ${name} was cancelled.`,
    failed: (name: string) => `Sign-in with ${name} failed. Please try again.`,
  },
  endSession: {
    signOut: 'Sign out',
    signingOutTitle: 'Signing out',
    signingOutHeading: 'Signing out…',
    signedOutTitle: 'Signed out',
    signedOutHeading: 'You have signed out',
    closeWindow: 'You can close this window.',
  },
  messages,
};

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer Args) => string
    ? (...args: Args) => string
    : { readonly [Key in keyof T]: Widen<T[Key]> };

export type ExperienceText = Widen<typeof en>;
