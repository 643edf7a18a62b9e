import 'server-only';

export interface ApiCallResult {
  status: number | 'unreachable';
  body: string;
}

/** Calls the app's own protected API with a bearer token, as any API client would. */
export async function callProtectedApi(url: string, token: string | undefined): Promise<ApiCallResult> {
  try {
    const response = await fetch(url, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      cache: 'no-store',
      signal: AbortSignal.timeout(5_000),
    });
    const text = await response.text();
    let body = text;
    try {
      body = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // Not JSON: show the text as it is.
    }
    const challenge = response.headers.get('www-authenticate');
    return { status: response.status, body: challenge ? `WWW-Authenticate: ${challenge}\n\n${body}` : body };
  } catch (error) {
    return { status: 'unreachable', body: error instanceof Error ? error.message : String(error) };
  }
}
