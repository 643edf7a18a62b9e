import type { AuthErrorCode } from 'next-logto';

interface ErrorText {
  title: string;
  description: string;
}

const sessionEnded = 'セッションが終了しました';
const untrusted = 'サインインの応答を信頼できませんでした';
const unreachable = 'Logto に接続できません';

/**
 * Japanese texts of the error page and the session-ended notice, per code of
 * `lib/auth/error-codes.ts` (whose English they translate), plus the text every `id_token.*` code
 * shares and the generic one.
 */
export const jaAuthErrors: {
  byCode: Partial<Record<AuthErrorCode, ErrorText>>;
  idToken: ErrorText;
  generic: ErrorText;
} = {
  byCode: {
    'config.invalid': {
      title: 'サインインが設定されていません',
      description: 'アプリの Logto 設定が不足しているか、無効です。下の一覧に問題を 1 つずつ示します。',
    },
    'callback.cancelled': {
      title: 'サインインがキャンセルされました',
      description: 'サインインを完了する前にサインインページを離れました。何も変更されていません。',
    },
    'callback.error': {
      title: 'Logto がサインインを完了できませんでした',
      description: 'サインインページがエラーを報告しました。もう一度お試しください。繰り返し発生する場合は、アプリの管理者にお問い合わせください。',
    },
    'transaction.missing': {
      title: 'このサインインの試行は期限切れです',
      description: 'サインインのリンクは 10 分間有効で、1 回だけ使えます。最初からやり直してください。',
    },
    'callback.state_missing': {
      title: 'このサインインのリンクは不完全です',
      description: 'サインインページからの応答に、セキュリティチェックの値がありません。最初からやり直してください。',
    },
    'callback.state_mismatch': {
      title: 'このサインインのリンクは、このブラウザーのものではありません',
      description: '安全のため、サインインを中止しました。このブラウザーで最初からやり直してください。',
    },
    'callback.iss_missing': {
      title: untrusted,
      description: 'どのサーバーから送られたかが示されていませんでした。最初からやり直してください。',
    },
    'callback.iss_mismatch': {
      title: untrusted,
      description: '設定されたサーバーとは別のサーバーから送られてきました。最初からやり直してください。',
    },
    'callback.code_missing': {
      title: 'サインインの応答が不完全です',
      description: '認可コードが含まれていません。最初からやり直してください。',
    },
    'discovery.request_failed': {
      title: unreachable,
      description: 'サインインサービスが応答しませんでした。データは安全です。しばらくしてからもう一度お試しください。',
    },
    'token.request_failed': {
      title: unreachable,
      description: 'サインインサービスが時間内に応答しませんでした。しばらくしてからもう一度お試しください。',
    },
    'jwks.request_failed': {
      title: unreachable,
      description: 'Logto の署名鍵を取得できなかったため、サインインを検証できませんでした。しばらくしてからもう一度お試しください。',
    },
    'token.error_response': {
      title: 'Logto がサインインを拒否しました',
      description: 'サインインを完了できませんでした（コードの有効期限が切れた可能性があります）。最初からやり直してください。',
    },
    'session.expired': {
      title: sessionEnded,
      description: 'サインインの有効期限が切れ、更新できません。もう一度サインインすると、元のページから続けられます。',
    },
    'session.revoked': {
      title: sessionEnded,
      description:
        'Logto はこのサインインを受け付けなくなりました。別の場所でサインアウトしたか、取り消されたか、期限切れになっています。もう一度サインインすると、元のページから続けられます。',
    },
    'session.client_rejected': {
      title: sessionEnded,
      description:
        'Logto がこのアプリの認証情報を拒否したため（アプリシークレットが変更された可能性があります）、サインインを更新できませんでした。もう一度サインインしてください。繰り返し発生する場合は、アプリの管理者にお問い合わせください。',
    },
    'session.access_denied': {
      title: sessionEnded,
      description: 'Logto がサインインの更新を拒否しました（アクセス権が取り消された可能性があります）。もう一度サインインして確認してください。',
    },
    'session.refused': {
      title: sessionEnded,
      description: 'Logto がサインインの更新を拒否しました。もう一度サインインすると、元のページから続けられます。',
    },
    'session.unverifiable': {
      title: sessionEnded,
      description: 'サインインの更新に対する Logto の応答がセキュリティチェックに失敗したため、受け付けませんでした。もう一度サインインしてください。',
    },
    'session.outage_expired': {
      title: 'サインインを確認できませんでした',
      description:
        'このアプリが許容する時間を超えて、サインインの更新のために Logto に接続できなかったため、いまはサインインしていないものとして扱っています。Logto が復旧したら再読み込みしてください。その間に Logto がサインインを終了していなければ、そのまま再開されます。',
    },
    'session.too_large': {
      title: 'アカウントの情報が多すぎて、ここではサインインできません',
      description:
        'Logto から届く組織、ロール、その他のクレームが、このアプリで使える Cookie に収まらなくなったため、サインインを続けられません。アプリの管理者に、Logto の ID トークンに含めるクレームを減らす（または不要になった組織から外す）よう依頼してください。それまでは、もう一度サインインしても解決しません。',
    },
    'session.signed_out_elsewhere': {
      title: '別のアプリでサインアウトされました',
      description:
        'Logto のセッションが別の場所で終了したため（別のアプリでサインアウトしたか、管理者が終了しました）、このアプリからもサインアウトしました。続けるにはもう一度サインインしてください。',
    },
    'sign_in.invalid_parameter': {
      title: 'このサインインのリンクは無効です',
      description:
        'このアプリが受け付けないサインインオプションが指定されています。下の一覧に 1 つずつ示します。アプリのサインインボタンを使ってください。',
    },
    'id_token.stale_authentication': {
      title: 'もう一度サインインしてください',
      description: 'このページには新しいサインインが必要ですが、Logto からその確認が得られませんでした。最初からやり直して、認証情報を入力してください。',
    },
    'sign_out.cross_site': {
      title: 'サインアウトが拒否されました',
      description: 'このリクエストはこのサイトから送られたものではありません。アプリのサインアウトボタンを使ってください。',
    },
  },
  idToken: {
    title: 'サインインの応答を検証できませんでした',
    description: 'ID トークンがセキュリティチェックに失敗したため、受け付けませんでした。最初からやり直してください。',
  },
  generic: {
    title: 'サインイン中に問題が発生しました',
    description: '失われたものはありません。もう一度お試しください。繰り返し発生する場合は、アプリの管理者にお問い合わせください。',
  },
};
