import { describe, expect, it } from 'vitest';
import { ConfigError, getConfig, parseConfig, parseList, resetConfigForTests } from './config.js';
import { problemsOf, VALID_ENV } from './test-utils/config.js';

const valid = VALID_ENV;

describe('configuration', () => {
  it('parses a valid environment, normalising the endpoint and adding reserved scopes', () => {
    const config = parseConfig({ ...valid, LOGTO_SCOPES: 'email, urn:logto:scope:organizations email', LOGTO_RESOURCES: 'https://a.example.com,https://b.example.com' });
    expect(config.endpoint).toBe('https://abc123.logto.app');
    expect(config.scopes).toEqual(['openid', 'offline_access', 'profile', 'email', 'urn:logto:scope:organizations']);
    expect(config.resources).toEqual(['https://a.example.com', 'https://b.example.com']);
    expect(config.authorizationResources).toEqual(['https://a.example.com', 'https://b.example.com', 'urn:logto:resource:organizations']);
    expect(config.organizationsEnabled).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every problem at once', () => {
    const problems = problemsOf({ LOGTO_ENDPOINT: 'ftp://x', LOGTO_COOKIE_SECRET: 'short', LOGTO_RESOURCES: 'not-a-uri' });
    expect(problems.join('\n')).toMatch(/LOGTO_ENDPOINT must use http/);
    expect(problems.join('\n')).toMatch(/LOGTO_APP_ID is not set/);
    expect(problems.join('\n')).toMatch(/LOGTO_APP_SECRET is not set/);
    expect(problems.join('\n')).toMatch(/LOGTO_COOKIE_SECRET must be at least 32/);
    expect(problems.join('\n')).toMatch(/LOGTO_BASE_URL is not set/);
    expect(problems.join('\n')).toMatch(/LOGTO_RESOURCES entry "not-a-uri"/);
    expect(problems).toHaveLength(6);
  });

  it('rejects an endpoint that already ends in /oidc and a base URL with a path', () => {
    const problems = problemsOf({ ...valid, LOGTO_ENDPOINT: 'https://abc.logto.app/oidc', LOGTO_BASE_URL: 'https://app.example.com/app' });
    expect(problems).toHaveLength(2);
  });

  it('accepts a comma list of cookie secrets for rotation and checks each', () => {
    expect(parseConfig({ ...valid, LOGTO_COOKIE_SECRET: `${'n'.repeat(32)},${'o'.repeat(40)}` }).cookieSecrets).toHaveLength(2);
    expect(problemsOf({ ...valid, LOGTO_COOKIE_SECRET: `${'n'.repeat(32)},short` })[0]).toMatch(/entry 2/);
  });

  it('derives the base URL on Vercel', () => {
    const production = parseConfig({
      ...valid,
      LOGTO_BASE_URL: undefined,
      VERCEL_ENV: 'production',
      VERCEL_PROJECT_PRODUCTION_URL: 'app.example.com',
      VERCEL_URL: 'app-abc123.vercel.app',
    });
    expect(production.baseUrl).toBeUndefined();
    expect(production.vercelOrigins).toEqual(['https://app.example.com', 'https://app-abc123.vercel.app']);
    const preview = parseConfig({
      ...valid,
      LOGTO_BASE_URL: undefined,
      VERCEL_ENV: 'preview',
      VERCEL_PROJECT_PRODUCTION_URL: 'app.example.com',
      VERCEL_BRANCH_URL: 'app-git-feature.vercel.app',
      VERCEL_URL: 'app-abc123.vercel.app',
    });
    expect(preview.vercelOrigins).toEqual(['https://app-git-feature.vercel.app', 'https://app-abc123.vercel.app']);
  });

  it('takes the outage grace from LOGTO_OUTAGE_GRACE_SECONDS (default 15 minutes) and checks it', () => {
    expect(parseConfig(valid).outageGraceSeconds).toBe(900);
    expect(parseConfig({ ...valid, LOGTO_OUTAGE_GRACE_SECONDS: '0' }).outageGraceSeconds).toBe(0);
    expect(parseConfig({ ...valid, LOGTO_OUTAGE_GRACE_SECONDS: ' 120 ' }).outageGraceSeconds).toBe(120);
    for (const bad of ['-1', '1.5', 'soon', '86401']) {
      expect(problemsOf({ ...valid, LOGTO_OUTAGE_GRACE_SECONDS: bad })).toEqual([
        'LOGTO_OUTAGE_GRACE_SECONDS must be a whole number of seconds from 0 to 86400.',
      ]);
    }
  });

  it('splits lists on spaces and commas', () => {
    expect(parseList(' a, b  c,,d ')).toEqual(['a', 'b', 'c', 'd']);
    expect(parseList(undefined)).toEqual([]);
  });

  it('does not keep a configuration error: fixing the variable and retrying works without a restart', () => {
    const saved = { ...process.env };
    try {
      resetConfigForTests();
      Object.assign(process.env, valid, { LOGTO_ENDPOINT: 'not a url' });
      expect(() => getConfig()).toThrow(ConfigError);
      process.env.LOGTO_ENDPOINT = valid.LOGTO_ENDPOINT;
      expect(getConfig().endpoint).toBe('https://abc123.logto.app');
      expect(getConfig()).toBe(getConfig());
    } finally {
      process.env = saved;
      resetConfigForTests();
    }
  });
});
