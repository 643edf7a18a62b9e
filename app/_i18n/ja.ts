import type { Dictionary } from './en';

/**
 * The demo's Japanese text, worded like Logto's own Japanese sign-in experience (サインイン,
 * サインアウト, アカウントを作成する, 「{name} で続ける」, 認証コード). Typed as `Dictionary`, so it
 * has exactly the keys of `en.ts`.
 */
export const ja: Dictionary = {
  meta: {
    description: 'Next.js App Router アプリに Logto のサインインを組み込むためのリファレンス実装です。',
    ogImageAlt: 'Logto × Next.js：App Router のためのサインインを、正しく。',
  },
  header: {
    accountNavigation: 'アカウント',
    dashboard: 'ダッシュボード',
    signIn: 'サインイン',
    signOut: 'サインアウト',
  },
  languageSwitch: {
    label: '言語：',
  },
  home: {
    heading: 'Next.js アプリに Logto のサインインを。',
    intro:
      '小さな OIDC ライブラリ、このデモ用ダッシュボード、そしてすべてのフローのエンドツーエンドテスト。サインインすると、ID トークンのクレーム、ユーザー情報、API リソースのトークン、組織トークンを確認できます。',
    features: [
      { title: 'サインイン、登録、サインアウト', text: '認可コード + PKCE S256、state と nonce、検証済みの ID トークン。' },
      { title: '暗号化 Cookie のセッション', text: '暗号化・分割・HttpOnly・SameSite=Lax。サーバーには何も保存しません。' },
      { title: 'いつも新しいトークン', text: 'Edge ミドルウェアが有効期限の前に更新します。更新は一度に 1 回だけ。' },
      { title: 'API と組織', text: 'API リソースごと・組織ごとのアクセストークンと、それを検証する API。' },
    ],
    signedOutLocally:
      'このアプリからサインアウトしました。Logto に接続できなかったため、Logto のセッションはまだ有効な可能性があります。',
    welcomeBack: (name) => (name ? `おかえりなさい、${name} さん` : 'おかえりなさい'),
    signedIn: 'サインインしています。',
    goToDashboard: 'ダッシュボードへ',
    getStarted: 'はじめる',
    signIn: 'サインイン',
    createAccount: 'アカウントを作成する',
    or: 'または',
    continueWith: (connector) => `${connector} で続ける`,
    signInWithEmailCode: 'メールの認証コードでサインイン',
    directSignInNote:
      'ソーシャルボタンは Logto のダイレクトサインインを使います。Logto のサインインページを経由せず、直接コネクターに進みます。',
  },
  claimsTable: {
    claim: 'クレーム',
    value: '値',
  },
  claims: {
    title: 'ID トークンのクレーム',
    description: 'サインイン時と更新のたびに検証されます（署名、発行者、オーディエンス、有効期限、nonce）。',
    subject: 'サブジェクト',
    idTokenExpiresIn: 'ID トークンの有効期限まで',
    refreshToken: 'リフレッシュトークン',
    refreshTokenHeld: '保持（ミドルウェアが更新）',
    refreshTokenNone: 'なし',
  },
  tokenCard: {
    expiresIn: '有効期限まで',
    unavailable: '利用不可',
    scopes: 'スコープ',
    noScopes: '付与されたスコープはありません',
    tokenStaysOnServer: 'トークン本体はサーバーに保持されています',
    maskedToken: 'トークン（マスク済み、サーバーに保持）：',
    claimsCaption: (title) => `${title} のトークンのクレーム`,
    reasons: {
      signed_out: 'サインアウトしています。',
      not_configured: 'このリソースは LOGTO_RESOURCES に含まれていません。',
      organizations_disabled: '組織トークンには、LOGTO_SCOPES に urn:logto:scope:organizations スコープが必要です。',
      not_member: 'この組織のメンバーではありません。',
      not_minted: 'Logto はこのトークンを発行しませんでした（権限が付与されていないか、サインイン時にこのリソースが要求されていません）。',
      expired: 'トークンの有効期限が切れています。再読み込みすると更新されます。',
      malformed:
        'キャッシュされたトークンは、このアプリが読める JWT ではありません。このリソースには不透明なトークンを発行するよう Logto が設定されている可能性があります。',
      refused: 'Logto が発行を拒否しました（このリソースまたは組織へのアクセス権がありません）。',
      refresh_failed: 'トークンを発行するために Logto に接続できませんでした。しばらくしてから再読み込みしてください。',
    },
  },
  userInfo: {
    title: 'ユーザー情報',
    loadFailed: 'ユーザー情報を読み込めませんでした',
    accessTokenExpired: 'Logto の userinfo エンドポイント用のアクセストークンの有効期限が切れ、更新できませんでした。',
    endpointDown: 'Logto の userinfo エンドポイントが応答しませんでした。',
    reloadToRetry: 'ページを再読み込みして、もう一度お試しください。',
    intro: '{function} の結果：セッションのアクセストークンで Logto の userinfo エンドポイントを呼び出しています。ここでしか得られないクレームもあります。',
    customData: 'カスタムデータ',
    customDataDescription: 'custom_data：Logto のユーザーに保存された自由形式の JSON。',
    noCustomData: (scopeMissing) => `カスタムデータはありません${scopeMissing ? '（custom_data スコープを要求してください）' : ''}。`,
    identities: 'リンクされたアカウント',
    identitiesDescription: 'identities：このユーザーがサインインに使ったソーシャルコネクター。',
    noIdentities: (scopeMissing) => `リンクされたアカウントはありません${scopeMissing ? '（identities スコープを要求してください）' : ''}。`,
    identityUserId: 'ユーザー ID',
    identityName: '名前',
    identityEmail: 'メールアドレス',
    organizations: '組織',
    organizationsDescription: 'organization_data：このユーザーが所属する組織。',
    noOrganizationDescription: '説明なし',
    noOrganizations: '組織はありません。',
    profile: 'プロフィール',
    profileDescription: 'その他の userinfo クレーム。',
    profileCaption: 'ユーザー情報のクレーム',
  },
  resources: {
    title: 'API リソース',
    intro:
      'LOGTO_RESOURCES の各リソースに対する {function}：オーディエンスがそのリソースで、スコープがロールによって付与された権限である JWT です。ミドルウェアが有効期限の前に更新します。',
    noneConfigured: 'API リソースが設定されていません',
    noneConfiguredHelp: 'LOGTO_RESOURCES に、Logto に登録した API リソースのインジケーターを 1 つ以上設定してください。',
    protectedApi: '保護された API',
    callingApi: '保護された API の呼び出し',
    apiAccepts: '{endpoint} は、{resource} 向けで {scope} スコープを持つ Logto のアクセストークンだけを受け付けます。上のトークンでサーバーから呼び出した結果：',
    status: 'ステータス：',
  },
  organizations: {
    title: '組織',
    intro:
      'ID トークンから得た所属組織とロール、そして選んだ組織の組織トークン（{function} で取得。オーディエンスは {audience}、スコープは組織ロールによるもの）を表示します。',
    notRequested: '組織が要求されていません',
    notRequestedHelp: 'LOGTO_SCOPES に urn:logto:scope:organizations（と urn:logto:scope:organization_roles）を追加してください。',
    noMembership: 'どの組織のメンバーでもありません',
    noMembershipHelp: '組織トークンを確認するには、組織に所属するユーザーでサインインしてください。',
    yourOrganizations: '所属する組織',
    noRole: 'ロールなし',
    roles: (roles) => `ロール：${roles || 'なし'}`,
    scopedTokenSubtitle: 'この組織用：getAccessToken(resource, { organizationId })',
    organizationApi: '組織レベルの API',
    callingOrganizationApi: '組織レベルの API の呼び出し',
    organizationApiAccepts:
      '{endpoint} は、{resource} 向けで {scope} スコープを持ち、パスの組織を指定して発行された（{claim}）トークンだけを受け付けます。グローバルなトークンや別の組織のトークンには 403 を返します。上のトークンでサーバーから呼び出した結果：',
    status: 'ステータス：',
    notMember: 'この組織のメンバーではありません',
  },
  refreshNotice: {
    title: 'トークンを更新するために Logto に接続できませんでした',
    body: 'サインインは続いています。新しいトークンが必要なデータは表示されない場合があります。しばらくしてから再読み込みしてください。（{failure}）',
  },
  sessionEnded: {
    signInAgain: 'もう一度サインイン',
  },
  revocationNotice: {
    title: 'いまは他のアプリでのサインアウトを確認できません',
    body: '他のアプリでのサインアウトを記録するストアに接続できないため、別の場所でのサインアウトがまだこのページに反映されていない可能性があります。サインインはそのまま続きます。数秒後に再確認します。',
  },
  errorPage: {
    title: 'サインインの問題',
    refusedOption: (name) => `「${name}」オプションは、指定された値では受け付けられません。`,
    configurationProblems: '設定の問題',
    refusedOptions: '受け付けられなかったサインインオプション',
    errorCode: 'エラーコード：',
    backToDashboard: 'ダッシュボードに戻る',
    signInAgain: 'もう一度サインイン',
    tryAgain: 'もう一度試す',
    backToHome: 'ホームに戻る',
  },
  client: {
    dashboardNavigation: 'ダッシュボード',
    tabs: {
      claims: 'ID トークンのクレーム',
      userInfo: 'ユーザー情報',
      resources: 'API リソース',
      organizations: '組織',
    },
    countdown: {
      expired: '期限切れ',
      minutesAndSeconds: '{minutes}分{seconds}秒',
      seconds: '{seconds}秒',
    },
    errorBoundary: {
      title: '問題が発生しました',
      body: 'ページを表示できませんでした。失われたものはありません。もう一度お試しください。',
      reference: '参照番号：',
      tryAgain: 'もう一度試す',
    },
  },
};
