/**
 * The demo's English text. `Dictionary` is its shape with every string widened, so `ja.ts` must
 * have exactly these keys (a missing or extra key does not compile). Functions build sentences
 * around values on the server; `{name}` in a template marks where markup goes (see `RichText`);
 * `client` holds plain strings only, because it is handed to client components.
 */
export const en = {
  meta: {
    description: 'Sign in with Logto in a Next.js App Router app: the reference implementation.',
    ogImageAlt: 'Logto × Next.js: sign-in for the App Router, done properly.',
  },
  header: {
    accountNavigation: 'Account',
    dashboard: 'Dashboard',
    signIn: 'Sign in',
    signOut: 'Sign out',
  },
  languageSwitch: {
    /** Read before the other language's name, e.g. "Language: 日本語". */
    label: 'Language: ',
  },
  home: {
    heading: 'Add Logto sign-in to your Next.js app.',
    intro:
      'A small OIDC library, this demo dashboard and an end-to-end test for every flow. Sign in to see your ID-token claims, user info, API-resource tokens and organization tokens.',
    features: [
      { title: 'Sign in, sign up, sign out', text: 'Authorization code + PKCE S256, state and nonce, verified ID tokens.' },
      { title: 'Sessions in sealed cookies', text: 'Encrypted, chunked, HttpOnly, SameSite=Lax; nothing stored on the server.' },
      { title: 'Tokens that stay fresh', text: 'Refreshed ahead of expiry in Edge middleware, one refresh at a time.' },
      { title: 'APIs and organizations', text: 'Access tokens per API resource and per organization, and an API that checks them.' },
    ],
    signedOutLocally: 'You are signed out of this app. Logto could not be reached, so your Logto session may still be active.',
    welcomeBack: (name: string | undefined) => (name ? `Welcome back, ${name}` : 'Welcome back'),
    signedIn: 'You are signed in.',
    goToDashboard: 'Go to the dashboard',
    getStarted: 'Get started',
    signIn: 'Sign in',
    createAccount: 'Create account',
    or: 'or',
    continueWith: (connector: string) => `Continue with ${connector}`,
    signInWithEmailCode: 'Sign in with an email code',
    directSignInNote: "Social buttons use Logto's direct sign-in: they skip Logto's sign-in page and go straight to the connector.",
  },
  claimsTable: {
    claim: 'Claim',
    value: 'Value',
  },
  claims: {
    title: 'ID token claims',
    description: 'Verified at sign-in and at each refresh (signature, issuer, audience, expiry, nonce).',
    subject: 'Subject',
    idTokenExpiresIn: 'ID token expires in',
    refreshToken: 'Refresh token',
    refreshTokenHeld: 'Held (kept fresh by the middleware)',
    refreshTokenNone: 'None',
  },
  tokenCard: {
    expiresIn: 'expires in',
    unavailable: 'unavailable',
    scopes: 'Scopes',
    noScopes: 'No scopes granted',
    tokenStaysOnServer: 'The token itself stays on the server',
    maskedToken: 'Token, masked (it stays on the server): ',
    claimsCaption: (title: string) => `Claims of the token for ${title}`,
    reasons: {
      signed_out: 'You are signed out.',
      not_configured: 'This resource is not in LOGTO_RESOURCES.',
      organizations_disabled: 'Organization tokens need the urn:logto:scope:organizations scope in LOGTO_SCOPES.',
      not_member: 'You are not a member of this organization.',
      not_minted: 'Logto did not issue a token for it (no permission granted, or the resource was not requested at sign-in).',
      expired: 'The token has expired. Reload to refresh it.',
      malformed:
        'The cached token is not a JWT this app can read; Logto may have been configured to issue opaque tokens for this resource.',
      refused: 'Logto refused to issue it (no access to this resource or organization).',
      refresh_failed: 'Logto could not be reached to mint it. Reload in a moment.',
    },
  },
  userInfo: {
    title: 'User info',
    loadFailed: 'User info could not be loaded',
    accessTokenExpired: 'The access token for Logto’s userinfo endpoint has expired and could not be refreshed.',
    endpointDown: 'Logto’s userinfo endpoint did not answer.',
    reloadToRetry: 'Reload the page to try again.',
    intro: "From {function}: Logto's userinfo endpoint, called with the session's access token. Some claims exist only here.",
    customData: 'Custom data',
    customDataDescription: 'custom_data: free-form JSON kept on the user in Logto.',
    noCustomData: (scopeMissing: boolean) => `No custom data${scopeMissing ? ' (ask for the custom_data scope)' : ''}.`,
    identities: 'Linked identities',
    identitiesDescription: 'identities: the social connectors this user signed in with.',
    noIdentities: (scopeMissing: boolean) => `No linked identities${scopeMissing ? ' (ask for the identities scope)' : ''}.`,
    identityUserId: 'User id',
    identityName: 'Name',
    identityEmail: 'Email',
    organizations: 'Organizations',
    organizationsDescription: 'organization_data: the organizations this user belongs to.',
    noOrganizationDescription: 'No description',
    noOrganizations: 'No organizations.',
    profile: 'Profile',
    profileDescription: 'The remaining userinfo claims.',
    profileCaption: 'User info claims',
  },
  resources: {
    title: 'API resources',
    intro:
      '{function} for each of LOGTO_RESOURCES: a JWT whose audience is the resource and whose scopes are the permissions your roles grant. The middleware refreshes them before they expire.',
    noneConfigured: 'No API resources configured',
    noneConfiguredHelp: 'Set LOGTO_RESOURCES to one or more API resource indicators registered in Logto.',
    protectedApi: 'Protected API',
    callingApi: 'Calling the protected API',
    apiAccepts: '{endpoint} accepts only Logto access tokens for {resource} with the {scope} scope. Called from the server with the token above:',
    status: 'Status:',
  },
  organizations: {
    title: 'Organizations',
    intro:
      'Your organizations and roles (from the ID token) and, for the one you pick, an organization token from {function}: audience {audience}, scopes from your organization roles.',
    notRequested: 'Organizations are not requested',
    notRequestedHelp: 'Add urn:logto:scope:organizations (and urn:logto:scope:organization_roles) to LOGTO_SCOPES.',
    noMembership: 'You are not a member of any organization',
    noMembershipHelp: 'Sign in as a user who belongs to an organization to see organization tokens.',
    yourOrganizations: 'Your organizations',
    noRole: 'no role',
    roles: (roles: string) => `Roles: ${roles || 'none'}`,
    scopedTokenSubtitle: 'For this organization: getAccessToken(resource, { organizationId })',
    organizationApi: 'Organization-level API',
    callingOrganizationApi: 'Calling the organization-level API',
    organizationApiAccepts:
      '{endpoint} accepts only tokens for {resource} with the {scope} scope that were requested for the organization in its path ({claim}); a global token or another organization’s gets 403. Called from the server with the token above:',
    status: 'Status:',
    notMember: 'You are not a member of this organization',
  },
  refreshNotice: {
    title: 'Logto could not be reached to refresh your tokens',
    body: 'You are still signed in; data that needs fresh tokens may be missing. Reload in a moment. ({failure})',
  },
  sessionEnded: {
    signInAgain: 'Sign in again',
  },
  revocationNotice: {
    title: 'Sign-outs in other apps cannot be checked right now',
    body: 'This app cannot reach the store that records sign-outs from other apps, so one may not reach this page yet. You stay signed in; it is checked again in a few seconds.',
  },
  errorPage: {
    title: 'Sign-in problem',
    refusedOption: (name: string) => `The "${name}" option is not accepted as given.`,
    configurationProblems: 'Configuration problems',
    refusedOptions: 'Refused sign-in options',
    errorCode: 'Error code:',
    backToDashboard: 'Back to the dashboard',
    signInAgain: 'Sign in again',
    tryAgain: 'Try again',
    backToHome: 'Back to home',
  },
  /** Handed to client components through `LanguageProvider`: plain strings only. */
  client: {
    dashboardNavigation: 'Dashboard',
    tabs: {
      claims: 'ID token claims',
      userInfo: 'User info',
      resources: 'API resources',
      organizations: 'Organizations',
    },
    countdown: {
      expired: 'expired',
      /** `{minutes}` and `{seconds}` (two digits) are filled in. */
      minutesAndSeconds: '{minutes} min {seconds} s',
      seconds: '{seconds} s',
    },
    errorBoundary: {
      title: 'Something went wrong',
      body: 'The page could not be shown. Nothing was lost; try again.',
      reference: 'Reference:',
      tryAgain: 'Try again',
    },
  },
};

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer Args) => string
    ? (...args: Args) => string
    : T extends readonly (infer Item)[]
      ? readonly Widen<Item>[]
      : { readonly [Key in keyof T]: Widen<T[Key]> };

export type Dictionary = Widen<typeof en>;
export type ClientText = Dictionary['client'];
