/**
 * A tiny cookie-jar HTTP client for the emulator tests: `fetch` with `redirect: 'manual'`,
 * path-scoped cookies, manual redirect following and HTML form parsing.
 */

interface StoredCookie {
  name: string;
  value: string;
  path: string;
  expiresAt: number;
}

export interface BrowserResponse {
  url: string;
  status: number;
  headers: Headers;
  location: string | undefined;
  body: string;
}

export interface ParsedForm {
  action: string;
  method: string;
  fields: Record<string, string>;
  buttons: { name?: string; value?: string; label: string }[];
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

export function decodeHtml(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (_match, name: string) => entities[name] ?? '');
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return match?.[1] === undefined ? undefined : decodeHtml(match[1]);
}

/** Every `<form>` of a page with its hidden/pre-filled fields and submit buttons. */
export function parseForms(html: string, baseUrl: string): ParsedForm[] {
  const forms: ParsedForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, open = '', inner = ''] = match;
    const fields: Record<string, string> = {};
    for (const input of inner.matchAll(/<input\b[^>]*>/gi)) {
      const tag = input[0];
      const name = attribute(tag, 'name');
      if (!name) continue;
      const type = attribute(tag, 'type') ?? 'text';
      if ((type === 'radio' || type === 'checkbox') && !/\schecked\b/i.test(tag)) continue;
      fields[name] = attribute(tag, 'value') ?? '';
    }
    const buttons = [...inner.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)].map((button) => ({
      name: attribute(` ${button[1] ?? ''}`, 'name'),
      value: attribute(` ${button[1] ?? ''}`, 'value'),
      label: decodeHtml((button[2] ?? '').replace(/<[^>]+>/g, '').trim()),
    }));
    forms.push({
      action: new URL(attribute(` ${open}`, 'action') ?? '', baseUrl).href,
      method: (attribute(` ${open}`, 'method') ?? 'get').toUpperCase(),
      fields,
      buttons,
    });
  }
  return forms;
}

/** Text of the `<label for=id>` elements, keyed by the input id. */
export function labels(html: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const match of html.matchAll(/<label\b[^>]*\bfor="([^"]+)"[^>]*>([\s\S]*?)<\/label>/gi)) {
    if (match[1]) result.set(match[1], decodeHtml((match[2] ?? '').replace(/<[^>]+>/g, '').trim()));
  }
  return result;
}

export function alertText(html: string): string | undefined {
  const match = /<div class="alert error" role="alert">([\s\S]*?)<\/div>/.exec(html);
  return match?.[1] === undefined ? undefined : decodeHtml(match[1]);
}

export class Browser {
  #cookies: StoredCookie[] = [];

  /** @param rewrite maps a URL before it is fetched (e.g. the public origin to 127.0.0.1). */
  constructor(private readonly rewrite: (url: string) => string = (url) => url) {}

  cookieNames(): string[] {
    return this.#cookies.filter((cookie) => cookie.expiresAt > Date.now()).map((cookie) => cookie.name);
  }

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string> | URLSearchParams; headers?: Record<string, string> } = {},
  ): Promise<BrowserResponse> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = this.#cookieHeader(target.pathname);
    if (cookie) headers.set('cookie', cookie);
    let body: string | undefined;
    if (init.form) {
      body = (init.form instanceof URLSearchParams ? init.form : new URLSearchParams(init.form)).toString();
      headers.set('content-type', 'application/x-www-form-urlencoded');
    }
    const response = await fetch(this.rewrite(target.href), {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      redirect: 'manual',
    });
    this.#store(target.pathname, response.headers.getSetCookie());
    const location = response.headers.get('location') ?? undefined;
    return {
      url: target.href,
      status: response.status,
      headers: response.headers,
      location: location === undefined ? undefined : new URL(location, target).href,
      body: await response.text(),
    };
  }

  get(url: string): Promise<BrowserResponse> {
    return this.request(url);
  }

  post(url: string, form: Record<string, string> | URLSearchParams): Promise<BrowserResponse> {
    return this.request(url, { method: 'POST', form });
  }

  /**
   * Follows redirects from `response` while they stay on `origin`; returns the first response
   * that is not a redirect, or the redirect that leaves `origin` (e.g. to the app's callback).
   */
  async follow(response: BrowserResponse, origin: string, limit = 20): Promise<BrowserResponse> {
    let current = response;
    for (let hop = 0; hop < limit; hop += 1) {
      if (current.status < 300 || current.status >= 400 || !current.location) return current;
      if (new URL(current.location).origin !== origin) return current;
      current = await this.get(current.location);
    }
    throw new Error(`too many redirects from ${response.url}`);
  }

  /** Submits the form that contains the button labelled `buttonLabel`, with `values` filled in. */
  async submit(page: BrowserResponse, buttonLabel: string, values: Record<string, string> = {}): Promise<BrowserResponse> {
    const form = parseForms(page.body, page.url).find((item) => item.buttons.some((button) => button.label === buttonLabel));
    if (!form) throw new Error(`no form with a "${buttonLabel}" button on ${page.url}:\n${page.body.slice(0, 2000)}`);
    const button = form.buttons.find((item) => item.label === buttonLabel);
    const data = new URLSearchParams({ ...form.fields, ...values });
    if (button?.name) data.set(button.name, button.value ?? '');
    return this.request(form.action, { method: form.method, form: data });
  }

  #cookieHeader(path: string): string {
    const now = Date.now();
    this.#cookies = this.#cookies.filter((cookie) => cookie.expiresAt > now);
    return this.#cookies
      .filter((cookie) => path === cookie.path || path.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`))
      .sort((a, b) => b.path.length - a.path.length)
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  #store(requestPath: string, setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
      const index = pair.indexOf('=');
      if (index <= 0) continue;
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      let path = requestPath.slice(0, requestPath.lastIndexOf('/')) || '/';
      let expiresAt = Number.POSITIVE_INFINITY;
      for (const attr of attributes) {
        const [key = '', ...rest] = attr.split('=');
        const attrValue = rest.join('=');
        switch (key.toLowerCase()) {
          case 'path':
            path = attrValue || '/';
            break;
          case 'max-age':
            expiresAt = Date.now() + Number(attrValue) * 1000;
            break;
          case 'expires':
            if (expiresAt === Number.POSITIVE_INFINITY) expiresAt = Date.parse(attrValue);
            break;
        }
      }
      this.#cookies = this.#cookies.filter((cookie) => !(cookie.name === name && cookie.path === path));
      if (expiresAt > Date.now() && value !== '') this.#cookies.push({ name, value, path, expiresAt });
    }
  }
}
