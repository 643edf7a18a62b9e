import { describe, expect, it } from 'vitest';
import { parseCacheSeconds, parseSessionStoreSetting } from './store-settings.js';

const parse = (env: Record<string, string | undefined>) => {
  const problems: string[] = [];
  const setting = parseSessionStoreSetting(env, problems);
  return { setting, problems };
};

describe('parseSessionStoreSetting (LOGTO_SESSION_STORE)', () => {
  it('is memory when unset, empty or "memory"', () => {
    expect(parse({})).toEqual({ setting: { kind: 'memory' }, problems: [] });
    expect(parse({ LOGTO_SESSION_STORE: '  ' })).toEqual({ setting: { kind: 'memory' }, problems: [] });
    expect(parse({ LOGTO_SESSION_STORE: 'memory' })).toEqual({ setting: { kind: 'memory' }, problems: [] });
  });

  it('is off for "off"', () => {
    expect(parse({ LOGTO_SESSION_STORE: 'off' })).toEqual({ setting: { kind: 'off' }, problems: [] });
  });

  it('takes redis:// and rediss:// URLs as they are, password included', () => {
    expect(parse({ LOGTO_SESSION_STORE: 'redis://localhost:6379/0' })).toEqual({
      setting: { kind: 'redis', url: 'redis://localhost:6379/0' },
      problems: [],
    });
    expect(parse({ LOGTO_SESSION_STORE: 'rediss://:s3cret@cache.example.com:6380' })).toEqual({
      setting: { kind: 'redis', url: 'rediss://:s3cret@cache.example.com:6380' },
      problems: [],
    });
  });

  it('refuses anything else in one sentence that names the variable and not the value', () => {
    for (const value of ['postgres://user:s3cret@db', 'redis', 'mem', 'https://s3cret.example.com']) {
      const { problems } = parse({ LOGTO_SESSION_STORE: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('LOGTO_SESSION_STORE');
      expect(problems[0]).not.toContain('s3cret');
    }
  });

  it('refuses a Redis URL that does not parse, without quoting its password', () => {
    const { problems } = parse({ LOGTO_SESSION_STORE: 'redis://:s3cret@[bad' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('LOGTO_SESSION_STORE');
    expect(problems[0]).not.toContain('s3cret');
  });

  it('reads Upstash from UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN', () => {
    expect(
      parse({ LOGTO_SESSION_STORE: 'upstash', UPSTASH_REDIS_REST_URL: 'https://eu1.upstash.io', UPSTASH_REDIS_REST_TOKEN: 't0ken' }),
    ).toEqual({ setting: { kind: 'upstash', url: 'https://eu1.upstash.io', token: 't0ken' }, problems: [] });
  });

  it("falls back to Vercel KV's KV_REST_API_URL and KV_REST_API_TOKEN, as a pair", () => {
    expect(parse({ LOGTO_SESSION_STORE: 'upstash', KV_REST_API_URL: 'https://kv.upstash.io', KV_REST_API_TOKEN: 'kv-t0ken' })).toEqual({
      setting: { kind: 'upstash', url: 'https://kv.upstash.io', token: 'kv-t0ken' },
      problems: [],
    });
    // Never a URL from one pair with the token of the other.
    const mixed = parse({ LOGTO_SESSION_STORE: 'upstash', UPSTASH_REDIS_REST_URL: 'https://eu1.upstash.io', KV_REST_API_TOKEN: 'kv-t0ken' });
    expect(mixed.problems).toHaveLength(1);
    expect(mixed.problems[0]).toContain('UPSTASH_REDIS_REST_TOKEN is not set');
    expect(mixed.problems[0]).not.toContain('kv-t0ken');
  });

  it('names each missing Upstash variable', () => {
    const neither = parse({ LOGTO_SESSION_STORE: 'upstash' });
    expect(neither.problems).toHaveLength(1);
    expect(neither.problems[0]).toContain('UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN are not set');
    const noToken = parse({ LOGTO_SESSION_STORE: 'upstash', UPSTASH_REDIS_REST_URL: 'https://eu1.upstash.io' });
    expect(noToken.problems).toEqual([expect.stringContaining('UPSTASH_REDIS_REST_TOKEN is not set')]);
    const kvNoUrl = parse({ LOGTO_SESSION_STORE: 'upstash', KV_REST_API_TOKEN: 'kv-t0ken' });
    expect(kvNoUrl.problems).toEqual([expect.stringContaining('KV_REST_API_URL is not set')]);
    expect(kvNoUrl.problems[0]).not.toContain('kv-t0ken');
  });

  it('requires https for Upstash, except plain http on localhost or 127.0.0.1', () => {
    const env = { LOGTO_SESSION_STORE: 'upstash', UPSTASH_REDIS_REST_TOKEN: 't0ken' };
    const plain = parse({ ...env, UPSTASH_REDIS_REST_URL: 'http://eu1.upstash.io' });
    expect(plain.problems).toEqual([expect.stringContaining('UPSTASH_REDIS_REST_URL must use https:')]);
    expect(parse({ ...env, UPSTASH_REDIS_REST_URL: 'not a url' }).problems).toEqual([
      expect.stringContaining('UPSTASH_REDIS_REST_URL must be an absolute https: URL'),
    ]);
    expect(parse({ ...env, UPSTASH_REDIS_REST_URL: 'http://localhost:8079' }).problems).toEqual([]);
    expect(parse({ ...env, UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:8079' }).problems).toEqual([]);
    expect(parse({ ...env, UPSTASH_REDIS_REST_URL: 'ftp://eu1.upstash.io' }).problems).toHaveLength(1);
    for (const { problems } of [plain]) expect(problems.join(' ')).not.toContain('t0ken');
  });
});

describe('parseCacheSeconds (LOGTO_SESSION_STORE_CACHE_SECONDS)', () => {
  const read = (value: string | undefined) => {
    const problems: string[] = [];
    return { seconds: parseCacheSeconds({ LOGTO_SESSION_STORE_CACHE_SECONDS: value }, problems), problems };
  };

  it('is 5 by default', () => {
    expect(read(undefined)).toEqual({ seconds: 5, problems: [] });
    expect(read('')).toEqual({ seconds: 5, problems: [] });
  });

  it('takes whole seconds from 0 to 60', () => {
    expect(read('0')).toEqual({ seconds: 0, problems: [] });
    expect(read('60')).toEqual({ seconds: 60, problems: [] });
    expect(read(' 12 ')).toEqual({ seconds: 12, problems: [] });
  });

  it('refuses anything else, naming the variable', () => {
    for (const value of ['61', '-1', '1.5', 'five', '1e1', '0x10']) {
      const { problems } = read(value);
      expect(problems, value).toEqual([expect.stringContaining('LOGTO_SESSION_STORE_CACHE_SECONDS must be a whole number')]);
    }
  });
});
