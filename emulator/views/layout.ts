/**
 * The page layout and form widgets every emulator page is built from: the sign-in experience,
 * the end-session pages and the mock upstreams. Text is HTML-escaped here; `body` and the
 * `inner` of a form are trusted HTML.
 */
import { textFor, type UiLanguage } from '../i18n/text';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface PageOptions {
  title: string;
  heading: string;
  subheading?: string;
  /** Trusted HTML. */
  body: string;
  /** Product name in the card header. */
  brand?: string;
  footer?: string;
  /** Shown after the brand, "(local)" by default; mock upstreams say "(mock)". */
  brandTag?: string;
  /** Accent colour of the card (mock upstreams use their vendor's colour). */
  accent?: string;
  /** The page's language (`<html lang>`, and the default brand tag and footer); English by default. */
  language?: UiLanguage;
}

const styles = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f3f4f8;
 font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2330;padding:24px}
main{width:100%;max-width:400px;background:#fff;border-radius:16px;box-shadow:0 8px 30px rgba(20,24,40,.08);padding:32px}
@media (max-width:480px){body{padding:16px}main{padding:24px 20px}}
.brand{display:flex;align-items:center;gap:8px;font-weight:700;font-size:14px;color:var(--accent);letter-spacing:.02em}
.brand .dot{width:22px;height:22px;border-radius:6px;background:var(--accent)}
.brand .tag{font-weight:500;color:#5c6170}
h1{font-size:22px;margin:20px 0 4px}
.sub{margin:0 0 20px;color:#5c6170}
form{margin:0}
label{display:block;font-weight:600;font-size:13px;margin:14px 0 6px}
input[type=text],input[type=password],input[type=email]{width:100%;padding:10px 12px;border:1px solid #d5d8e1;border-radius:10px;font:inherit}
input:focus{outline:2px solid var(--accent);outline-offset:1px;border-color:transparent}
.hint{display:block;font-size:12px;color:#5c6170;margin-top:4px}
button{font:inherit;cursor:pointer;border-radius:10px;padding:10px 14px;width:100%;min-height:44px;margin-top:16px}
button.primary{background:var(--accent);color:#fff;border:0;font-weight:600}
button.secondary{background:#fff;color:#1f2330;border:1px solid #d5d8e1;margin-top:10px}
button.link{background:none;border:0;color:#5c6170;text-decoration:underline;padding:8px 14px;margin-top:10px}
.alert{border-radius:10px;padding:10px 12px;margin:0 0 12px;font-size:14px}
.alert.error{background:#fdecec;color:#a11d1d;border:1px solid #f5c2c2}
.alert.notice{background:#eaf3ff;color:#1d4f91;border:1px solid #c4dcfb}
.links{margin:12px 0 0;display:flex;flex-wrap:wrap;gap:0 20px;font-size:14px}
.links a{color:var(--accent);display:inline-flex;align-items:center;min-height:44px}
.divider{display:flex;align-items:center;gap:10px;margin:22px 0 4px;color:#5c6170;font-size:13px}
.divider::before,.divider::after{content:"";flex:1;height:1px;background:#e4e6ee}
fieldset{border:0;padding:0;margin:16px 0 0}
legend{font-weight:600;font-size:13px;margin-bottom:6px}
.choice{display:flex;gap:10px;align-items:center;border:1px solid #d5d8e1;border-radius:10px;padding:10px 12px;margin-top:8px;font-weight:400;font-size:14px}
.choice small{display:block;color:#5c6170}
.muted{color:#5c6170}
ul.scopes{padding-left:18px;margin:8px 0 0}
footer{margin-top:24px;font-size:12px;color:#5c6170;text-align:center}
`;

export function page(options: PageOptions): string {
  const language = options.language ?? 'en';
  const text = textFor(language);
  const brand = options.brand ?? 'Logto';
  const accent = options.accent ?? '#5d34f2';
  const tag = options.brandTag ?? text.layout.brandTag;
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(options.title)} · ${escapeHtml(brand)} ${escapeHtml(tag)}</title>
<style>${styles}</style>
</head>
<body style="--accent:${escapeHtml(accent)}">
<main>
<div class="brand"><span class="dot" aria-hidden="true"></span><span>${escapeHtml(brand)} <span class="tag">${escapeHtml(tag)}</span></span></div>
<h1>${escapeHtml(options.heading)}</h1>
${options.subheading ? `<p class="sub">${escapeHtml(options.subheading)}</p>` : ''}
${options.body}
<footer>${escapeHtml(options.footer ?? text.layout.footer)}</footer>
</main>
</body>
</html>`;
}

export function alert(kind: 'error' | 'notice', message: string | undefined): string {
  if (!message) return '';
  return kind === 'error'
    ? `<div class="alert error" role="alert">${escapeHtml(message)}</div>`
    : `<div class="alert notice" role="status">${escapeHtml(message)}</div>`;
}

export interface FieldOptions {
  id: string;
  label: string;
  name?: string;
  type?: 'text' | 'password' | 'email';
  value?: string;
  autocomplete?: string;
  required?: boolean;
  hint?: string;
  autofocus?: boolean;
  inputmode?: string;
  pattern?: string;
}

export function field(options: FieldOptions): string {
  const hintId = options.hint ? `${options.id}-hint` : undefined;
  const attributes = [
    `id="${escapeHtml(options.id)}"`,
    `name="${escapeHtml(options.name ?? options.id)}"`,
    `type="${options.type ?? 'text'}"`,
    options.value ? `value="${escapeHtml(options.value)}"` : '',
    options.autocomplete ? `autocomplete="${escapeHtml(options.autocomplete)}"` : '',
    options.required === false ? '' : 'required',
    options.autofocus ? 'autofocus' : '',
    options.inputmode ? `inputmode="${escapeHtml(options.inputmode)}"` : '',
    options.pattern ? `pattern="${escapeHtml(options.pattern)}"` : '',
    hintId ? `aria-describedby="${hintId}"` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return `<label for="${escapeHtml(options.id)}">${escapeHtml(options.label)}</label><input ${attributes}>${
    hintId && options.hint ? `<span class="hint" id="${hintId}">${escapeHtml(options.hint)}</span>` : ''
  }`;
}

export function button(label: string, kind: 'primary' | 'secondary' | 'link' = 'primary', attributes = ''): string {
  return `<button type="submit" class="${kind}"${attributes ? ` ${attributes}` : ''}>${escapeHtml(label)}</button>`;
}

export function postForm(action: string, inner: string, attributes = ''): string {
  return `<form method="post" action="${escapeHtml(action)}"${attributes ? ` ${attributes}` : ''}>${inner}</form>`;
}

export function links(items: { href: string; label: string }[]): string {
  if (items.length === 0) return '';
  return `<p class="links">${items.map((item) => `<a href="${escapeHtml(item.href)}">${escapeHtml(item.label)}</a>`).join('')}</p>`;
}
