import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { parseSeed } from './seed';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests edit the seed freely, into invalid shapes too
type SeedDocument = Record<string, any>;

const seedJson = readFileSync(new URL('./seed.json', import.meta.url), 'utf8');
const BASE_URL = 'http://localhost:3001';

/** The shipped seed, changed by `edit`. */
function seedWith(edit: (seed: SeedDocument) => void): SeedDocument {
  const seed = JSON.parse(seedJson) as SeedDocument;
  edit(seed);
  return seed;
}

/** The problems `parseSeed` reports, one per line, without the heading. */
function problems(seed: unknown): string[] {
  try {
    parseSeed(seed, BASE_URL);
  } catch (error) {
    const [heading, ...lines] = (error as Error).message.split('\n');
    expect(heading).toBe('emulator seed is invalid:');
    return lines.map((line) => line.trim());
  }
  throw new Error('expected the seed to be rejected');
}

describe('seed validation', () => {
  it('accepts the shipped seed, substitutes {{baseUrl}} and fills in defaults', () => {
    const seed = parseSeed(
      seedWith((doc) => {
        doc.users.push({ id: 'minimal00001' });
        delete doc.applications[0].isThirdParty;
        delete doc.applications[0].grantTypes;
      }),
      `${BASE_URL}/`,
    );
    expect(seed.connectors.find((connector) => connector.id === 'postmark-mail')?.emulator.apiBaseUrl).toBe(`${BASE_URL}/mock/postmark`);
    expect(seed.applications[0]).toMatchObject({ isThirdParty: false, grantTypes: ['authorization_code', 'refresh_token'] });
    // Like Logto's oidcClientMetadata: the demo app asks for back-channel logout with `sid`; the
    // second app has no back-channel URI, and session-required defaults to false.
    expect(seed.applications.map(({ id, backchannelLogoutUri, backchannelLogoutSessionRequired }) => ({ id, backchannelLogoutUri, backchannelLogoutSessionRequired }))).toEqual([
      {
        id: 'logto-next-demo',
        backchannelLogoutUri: 'http://localhost:3000/api/logto/backchannel-logout',
        backchannelLogoutSessionRequired: true,
      },
      { id: 'logto-next-elsewhere', backchannelLogoutUri: undefined, backchannelLogoutSessionRequired: false },
    ]);
    expect(seed.users.at(-1)).toEqual({
      id: 'minimal00001',
      username: null,
      password: null,
      name: null,
      avatar: null,
      primaryEmail: null,
      primaryPhone: null,
      profile: {},
      customData: {},
      identities: {},
      roles: [],
      organizations: [],
    });
  });

  it('names the field and what is wrong with it, for every problem at once', () => {
    expect(
      problems(
        seedWith((doc) => {
          doc.applications[0].type = 'SPA';
          doc.applications[0].redirectUris.push('not a url');
          delete doc.applications[0].secret;
          doc.applications[0].backchannelLogoutUri = 'http://localhost:3000/api/logto/backchannel-logout#x';
          doc.applications[1].backchannelLogoutSessionRequired = 'yes';
          doc.resources[0].accessTokenTtl = 1.5;
          doc.users[1].primaryPhone = 15555550100;
          doc.users[0].profile = [];
          doc.connectors[1].enabled = 'yes';
          delete doc.mockUpstreams.azuread.tenantId;
        }),
      ),
    ).toEqual([
      'applications[0].secret: must be a non-empty string',
      'applications[0].type: only "Traditional" (a confidential web app) is supported',
      'applications[0].redirectUris[1]: "not a url" is not an absolute URL',
      'applications[0].backchannelLogoutUri: must not have a fragment',
      'applications[1].backchannelLogoutSessionRequired: must be a boolean',
      'resources[0].accessTokenTtl: must be a positive integer (seconds)',
      'users[0].profile: must be an object',
      'users[1].primaryPhone: must be a non-empty string',
      'connectors[1].enabled: must be a boolean',
      'mockUpstreams.azuread.tenantId: must be a non-empty string',
    ]);
  });

  it('checks references between entries', () => {
    expect(
      problems(
        seedWith((doc) => {
          doc.roles[0].permissions.push({ resource: 'https://nowhere.example.com', scope: 'read:reports' });
          doc.organizationTemplate.roles[1].scopes.push('fly:rockets');
          doc.users[2].organizations[0].id = 'initech00001';
          doc.users[2].organizations[1].roles = ['owner'];
          doc.users.push({ ...doc.users[0], id: 'alice0000001', primaryEmail: 'OLIVIA@example.com' });
          doc.applications.push({ ...doc.applications[0] });
        }),
      ),
    ).toEqual([
      'roles[0].permissions[1].resource: unknown API resource "https://nowhere.example.com"',
      'organizationTemplate.roles[1].scopes[2]: unknown organization scope "fly:rockets"',
      'users[2].organizations[0].id: unknown organization "initech00001"',
      'users[2].organizations[1].roles[0]: unknown organization role "owner"',
      'users[3].id: duplicate user id "alice0000001"',
      'users[3].username: duplicate username "demo"',
      'users[3].primaryEmail: duplicate email "OLIVIA@example.com"',
      'applications[2].id: duplicate application id "logto-next-demo"',
    ]);
  });

  it('checks references even where the document is malformed elsewhere', () => {
    expect(
      problems(
        seedWith((doc) => {
          doc.resources[0].accessTokenTtl = -1;
          doc.users[0].avatar = 42;
          doc.users[0].roles.push('ghost');
        }),
      ),
    ).toEqual(['resources[0].accessTokenTtl: must be a positive integer (seconds)', 'users[0].avatar: must be a non-empty string', 'users[0].roles[1]: unknown role "ghost"']);
  });

  it('checks each connector against its own rules', () => {
    expect(
      problems(
        seedWith((doc) => {
          doc.connectors[0].config.templates = doc.connectors[0].config.templates.filter(
            (template: { usageType: string }) => template.usageType !== 'ForgotPassword',
          );
          doc.connectors[1].target = 'lark';
          delete doc.connectors[2].config.cloudInstance;
          delete doc.connectors[3].emulator;
          doc.connectors.push({ id: 'smtp', name: 'SMTP', config: {} }, 42);
        }),
      ),
    ).toEqual([
      'connectors[0].config.templates: a template for usageType "ForgotPassword" is required',
      'connectors[1].target: must be "feishu" for connector "feishu-web"',
      'connectors[2].config.cloudInstance: must be a non-empty string',
      'connectors[3].emulator.apiBaseUrl: must be a non-empty string',
      'connectors[4].id: unknown connector "smtp" (supported: postmark-mail, feishu-web, azuread-universal, gitlab-universal)',
      'connectors[5]: must be an object',
    ]);
  });

  it('rejects a document that is not an object, or lacks whole sections', () => {
    expect(problems([])).toEqual(['$: must be an object']);
    expect(problems('seed.json')).toEqual(['$: must be an object']);
    expect(problems({})).toEqual([
      'applications: must be an array',
      'resources: must be an array',
      'roles: must be an array',
      'organizationTemplate: must be an object',
      'organizations: must be an array',
      'users: must be an array',
      'connectors: must be an array',
      'mockUpstreams: must be an object',
    ]);
  });
});
