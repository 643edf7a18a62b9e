import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogto } from './auth/create-logto.js';
import { parseConfig, resetConfigForTests } from './config.js';
import { problemsOf, VALID_ENV } from './test-utils/config.js';

/** `LOGTO_SESSION_STORE` and `LOGTO_SESSION_STORE_CACHE_SECONDS` in the configuration. */

const valid = VALID_ENV;

describe('LOGTO_SESSION_STORE', () => {
  it('defaults to the memory store', () => {
    expect(parseConfig(valid).sessionStore).toEqual({ kind: 'memory' });
    expect(parseConfig({ ...valid, LOGTO_SESSION_STORE: '' }).sessionStore).toEqual({ kind: 'memory' });
    expect(parseConfig({ ...valid, LOGTO_SESSION_STORE: 'Memory' }).sessionStore).toEqual({ kind: 'memory' });
  });

  it('turns back-channel logout off with "off", in any case', () => {
    expect(parseConfig({ ...valid, LOGTO_SESSION_STORE: 'off' }).sessionStore).toEqual({ kind: 'off' });
    expect(parseConfig({ ...valid, LOGTO_SESSION_STORE: ' OFF ' }).sessionStore).toEqual({ kind: 'off' });
  });

  it('takes a redis:// or rediss:// URL as it is', () => {
    expect(parseConfig({ ...valid, LOGTO_SESSION_STORE: 'redis://127.0.0.1:6379/2' }).sessionStore).toEqual({ kind: 'redis', url: 'redis://127.0.0.1:6379/2' });
    expect(parseConfig({ ...valid, LOGTO_SESSION_STORE: 'rediss://:pw@cache.example.com:6380' }).sessionStore).toEqual({
      kind: 'redis',
      url: 'rediss://:pw@cache.example.com:6380',
    });
  });

  it('is frozen with the rest of the configuration', () => {
    const config = parseConfig({ ...valid, LOGTO_SESSION_STORE: 'redis://127.0.0.1:6379' });
    expect(Object.isFrozen(config.sessionStore)).toBe(true);
  });

  it('refuses any other value, naming the variable, without echoing it, alongside every other problem', () => {
    const problems = problemsOf({ ...valid, LOGTO_APP_ID: undefined, LOGTO_SESSION_STORE: 'mongodb://user:hunter2@db.example.com' });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/LOGTO_APP_ID is not set/);
    expect(problems.join('\n')).toMatch(/^LOGTO_SESSION_STORE must be/m);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('refuses a Redis URL that does not parse, without echoing its password', () => {
    const problems = problemsOf({ ...valid, LOGTO_SESSION_STORE: 'redis://:hunter2@[bad' });
    expect(problems).toEqual([expect.stringMatching(/^LOGTO_SESSION_STORE /)]);
    expect(problems[0]).not.toContain('hunter2');
  });
});

describe('LOGTO_SESSION_STORE_CACHE_SECONDS', () => {
  it('defaults to 5', () => {
    expect(parseConfig(valid).revocationCacheSeconds).toBe(5);
  });

  it.each([
    ['0', 0],
    ['1', 1],
    [' 30 ', 30],
    ['60', 60],
  ])('accepts %j', (value, seconds) => {
    expect(parseConfig({ ...valid, LOGTO_SESSION_STORE_CACHE_SECONDS: value }).revocationCacheSeconds).toBe(seconds);
  });

  it.each(['61', '-1', '1.5', '5s', 'abc', '1e1'])('refuses %j, naming the variable and the range, with other problems listed at once', (value) => {
    const problems = problemsOf({ ...valid, LOGTO_SESSION_STORE: 'nope', LOGTO_SESSION_STORE_CACHE_SECONDS: value });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/^LOGTO_SESSION_STORE must be/m);
    expect(problems.join('\n')).toMatch(/^LOGTO_SESSION_STORE_CACHE_SECONDS must be a whole number of seconds from 0 to 60\.$/m);
  });
});

describe('createLogto({ sessionStore, sessionStoreCacheSeconds })', () => {
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    for (const [name, value] of Object.entries(valid)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    for (const name of ['LOGTO_SESSION_STORE', 'LOGTO_SESSION_STORE_CACHE_SECONDS']) {
      saved[name] = process.env[name];
      delete process.env[name];
    }
    resetConfigForTests();
  });
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetConfigForTests();
  });

  it('win over the environment', () => {
    process.env.LOGTO_SESSION_STORE = 'off';
    process.env.LOGTO_SESSION_STORE_CACHE_SECONDS = '7';
    const config = createLogto({ sessionStore: 'redis://x', sessionStoreCacheSeconds: 0 }).getConfig();
    expect(config.sessionStore).toEqual({ kind: 'redis', url: 'redis://x' });
    expect(config.revocationCacheSeconds).toBe(0);
  });

  it('label their problems with the option, not the variable', () => {
    const problems = createLogto({ sessionStore: 'redis://', sessionStoreCacheSeconds: 99 }).configProblems();
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/^createLogto\(\{ sessionStore \}\) /m);
    expect(problems.join('\n')).toMatch(/^createLogto\(\{ sessionStoreCacheSeconds \}\) must be a whole number/m);
    expect(problems.join('\n')).not.toMatch(/LOGTO_SESSION_STORE/);
  });

  it('label an unknown store kind with the option', () => {
    expect(createLogto({ sessionStore: 'dynamodb' }).configProblems()).toEqual([expect.stringMatching(/^createLogto\(\{ sessionStore \}\) must be "memory", "off"/)]);
  });

  it('still name the variable for a value that comes from the environment', () => {
    process.env.LOGTO_SESSION_STORE = 'dynamodb';
    expect(createLogto().configProblems()).toEqual([expect.stringMatching(/^LOGTO_SESSION_STORE must be/)]);
  });

  it('refuses a sessionStore that is neither a string nor an unstorage Storage', () => {
    // A plain object: what a mistyped app would pass.
    const problems = createLogto({ sessionStore: {} as never }).configProblems();
    expect(problems).toEqual(['createLogto({ sessionStore }) must be a string like LOGTO_SESSION_STORE or an unstorage Storage.']);
  });
});
