/** Claims holding epoch seconds (OIDC) and Logto's claims holding epoch milliseconds. */
const SECOND_CLAIMS = new Set(['iat', 'exp', 'auth_time', 'nbf']);
const MILLISECOND_CLAIMS = new Set(['created_at', 'updated_at']);

const dateFormat = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'UTC',
});

export function formatDate(epochMs: number): string {
  return `${dateFormat.format(new Date(epochMs))} UTC`;
}

/** A claim's value as text: dates as dates (Logto's created_at/updated_at are milliseconds). */
export function formatClaim(name: string, value: unknown): string {
  if (typeof value === 'number' && SECOND_CLAIMS.has(name)) return formatDate(value * 1000);
  if (typeof value === 'number' && MILLISECOND_CLAIMS.has(name)) return formatDate(value);
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, null, 2);
}

export function isDateClaim(name: string): boolean {
  return SECOND_CLAIMS.has(name) || MILLISECOND_CLAIMS.has(name);
}
