/**
 * The sign-in experience's Japanese text, worded like Logto's own Japanese phrases
 * (`@logto/phrases-experience` and `@logto/phrases`, locale `ja`) where Logto has the phrase:
 * サインイン, パスワード, アカウントを作成する, 「{name} で続ける」, キャンセル, 認証コード.
 */
import { MIN_PASSWORD_LENGTH } from '../experience/rules';
import type { ExperienceText } from './en';

export const ja: ExperienceText = {
  layout: {
    brandTag: '(ローカル)',
    footer: 'ローカルの Logto エミュレーター・本番環境では使用しないでください',
  },
  theApplication: 'アプリケーション',
  or: 'または',
  continueWith: (connector) => `${connector} で続ける`,
  cancel: 'キャンセル',
  username: 'ユーザー名',
  password: 'パスワード',
  email: 'メールアドレス',
  signIn: {
    title: 'サインイン',
    subheading: (appName) => `${appName} に進むにはサインインしてください`,
    submit: 'サインイン',
    createAccount: 'アカウントを作成する',
    withEmailCode: 'メールの認証コードでサインインする',
    forgotPassword: 'パスワードを忘れましたか？',
  },
  register: {
    title: 'アカウントを作成する',
    subheading: (appName) => `${appName} に進むにはアカウントを作成してください`,
    usernameHint: '文字、数字、アンダースコアを使えます。',
    passwordHint: `最低 ${MIN_PASSWORD_LENGTH} 文字。`,
    emailHint: '任意。',
    submit: 'アカウントを作成する',
    backToSignIn: 'サインインに戻る',
    withEmailCode: 'メールの認証コードで登録する',
  },
  emailCode: {
    resetTitle: 'パスワードを再設定する',
    registerTitle: 'メールアドレスでアカウントを作成する',
    signInTitle: 'メールアドレスでサインインする',
    resetSubheading: 'パスワードの再設定に必要な認証コードをメールでお送りします。',
    subheading: (appName) => `${appName} に進むための認証コードをメールでお送りします。`,
    sendCode: '認証コードを送信',
    backToSignIn: 'サインインに戻る',
    createAccount: 'アカウントを作成する',
    verificationCode: '認証コード',
    codeHint: 'コードの有効期限は 10 分です。',
    newPassword: '新しいパスワード',
    resetPassword: 'パスワードを再設定する',
    continue: '続ける',
    getNewCode: '認証コードを再送する',
    useDifferentEmail: '別のメールアドレスを使う',
    checkEmailTitle: 'メールを確認してください',
    sentTo: (email) => `${email} に認証コードを送信しました。`,
  },
  consent: {
    title: '承認',
    heading: 'アクセスを承認する',
    asksFor: (appName) => `${appName} が以下へのアクセスを要求しています：`,
    authorize: '承認する',
  },
  pages: {
    expired: { heading: 'セッションの有効期限切れ', message: 'セッションが見つかりません。戻って再度サインインしてください。' },
    notAllowed: { heading: '許可されていません', message: 'このページは GET と POST だけを受け付けます。' },
    notFound: { heading: 'ページが見つかりません', message: 'このページは存在しません。' },
    unknownConnector: { heading: '不明なコネクター', message: 'この ID の有効なソーシャルコネクターはありません。' },
    otherBrowser: { heading: 'サインインに失敗しました', message: 'このサインインの試行は別のブラウザーで開始されました。' },
  },
  social: {
    theProvider: 'ソーシャルプロバイダー',
    cancelled: (name) => `${name} でのサインインがキャンセルされました。`,
    failed: (name) => `${name} でのサインインに失敗しました。もう一度お試しください。`,
  },
  endSession: {
    signOut: 'サインアウト',
    signingOutTitle: 'サインアウト中',
    signingOutHeading: 'サインアウトしています…',
    signedOutTitle: 'サインアウトしました',
    signedOutHeading: 'サインアウトしました',
    closeWindow: 'このウィンドウは閉じてかまいません。',
  },
  messages: {
    wrongPassword: 'アカウントまたはパスワードが正しくありません。入力内容を確認してください。',
    usernameInvalid: 'ユーザー名には文字、数字、アンダースコアのみを使用でき、数字で始めることはできません。',
    usernameTaken: 'このユーザー名はすでに使用されています。',
    emailInvalid: '無効なメールアドレスです。',
    emailTaken: 'このメールアドレスは既に別のアカウントに関連付けされています。',
    emailUnknown: 'このメールアドレスは登録されていません。',
    passwordTooShort: `パスワードは最低 ${MIN_PASSWORD_LENGTH} 文字必要です。`,
    codeMismatch: '認証コードが無効です。',
    codeExpired: '認証コードの有効期限が切れました。新しいコードを取得してください。',
    codeAttempts: '試行回数が多すぎます。新しいコードを取得してください。',
    sendFailed: '認証コードの送信に失敗しました。しばらくしてからもう一度お試しください。',
    noEmailConnector: 'メールでのサインインは利用できません。メールコネクターが設定されていません。',
    passwordReset: 'パスワードが再設定されました。新しいパスワードでサインインしてください。',
  },
};
