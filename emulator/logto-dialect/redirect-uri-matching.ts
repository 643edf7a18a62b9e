/**
 * Redirect URIs match after `new URL()` normalisation, as in Logto; post-logout ones must match
 * exactly. Unlike Logto 1.37.1 (native apps only, RFC 8252 §7.3), a loopback `http` redirect URI
 * matches on any port for every app, so test apps on random ports need no registration.
 * See `docs/logto-protocol.md`, "Authorization request".
 */
import type Provider from 'oidc-provider';

type Client = InstanceType<Provider['Client']>;

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

function normalizeUri(value: string): string | undefined {
  return URL.canParse(value) ? new URL(value).href : undefined;
}

function withoutLoopbackPort(value: string): string | undefined {
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  if (url.protocol !== 'http:' || !loopbackHosts.has(url.hostname)) return undefined;
  url.port = '';
  return url.href;
}

export function patchRedirectUriMatching(provider: Provider): void {
  const { prototype } = provider.Client;
  prototype.redirectUriAllowed = function redirectUriAllowed(this: Client, value: string) {
    const registered = this.redirectUris ?? [];
    const normalized = normalizeUri(value);
    if (normalized && registered.some((uri) => normalizeUri(uri) === normalized)) return true;
    const loopback = withoutLoopbackPort(value);
    return loopback !== undefined && registered.some((uri) => withoutLoopbackPort(uri) === loopback);
  };
  prototype.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(this: Client, value: string) {
    const normalized = normalizeUri(value);
    return normalized !== undefined && (this.postLogoutRedirectUris ?? []).some((uri) => normalizeUri(uri) === normalized);
  };
}
