/**
 * The shape of `emulator/seed.json` (Logto's field names), the defaults of what may be left out
 * and one message per broken rule. Free-form JSON (`profile`, `customData`, mock accounts) is
 * checked only where the emulator reads it; references are `seed-references.ts`'s job.
 */
import { z } from 'zod';

import type {
  AzureAdAccount,
  FeishuAccount,
  GitLabAccount,
  JsonObject,
  Seed,
  SeedUser,
  UserProfile,
} from './types';

const NON_EMPTY = 'must be a non-empty string';
const OBJECT = { error: 'must be an object' };
const ARRAY = { error: 'must be an array' };

const text = z.string({ error: NON_EMPTY }).min(1, { error: NON_EMPTY, abort: true });
const url = text.refine((value) => URL.canParse(value), { error: (issue) => `"${String(issue.input)}" is not an absolute URL` });
const bool = z.boolean({ error: 'must be a boolean' });
/** `null` when left out. */
const nullableText = text.nullable().default(null);
/** Logto stores phone numbers as digits only, country code first, no `+`. */
const phoneDigits = text
  .regex(/^\d{4,15}$/, { error: 'must be digits only, country code first, without "+" (as Logto stores it)' })
  .nullable()
  .default(null);
const list = <Item extends z.ZodType>(item: Item) => z.array(item, ARRAY);
/** Any JSON object, kept as written. */
const jsonObject = z.record(z.string(), z.unknown(), OBJECT);

/** A free-form object typed as `T`: only the fields in `shape` are checked, the rest is kept. */
function freeForm<T>(shape: z.ZodRawShape = {}) {
  return z.looseObject(shape, OBJECT).transform((value) => value as T);
}

export const scopeSchema = z.object({ name: text, description: text.optional() }, OBJECT);

export const permissionSchema = z.object({ resource: text, scope: text }, OBJECT);

export const applicationSchema = z.object(
  {
    id: text,
    name: text,
    secret: text,
    type: z.literal('Traditional', { error: 'only "Traditional" (a confidential web app) is supported' }),
    isThirdParty: bool.default(false),
    redirectUris: list(url),
    postLogoutRedirectUris: list(url),
    grantTypes: list(text).default(() => ['authorization_code', 'refresh_token']),
    // Back-Channel Logout 1.0 §2.2: an absolute URL without a fragment.
    backchannelLogoutUri: url
      .refine((value) => !value.includes('#'), { error: 'must not have a fragment' })
      .optional(),
    backchannelLogoutSessionRequired: bool.default(false),
  },
  OBJECT,
);

const POSITIVE_SECONDS = 'must be a positive integer (seconds)';

export const resourceSchema = z.object(
  {
    indicator: url,
    name: text,
    accessTokenTtl: z.int({ error: POSITIVE_SECONDS }).positive({ error: POSITIVE_SECONDS }).optional(),
    scopes: list(scopeSchema),
  },
  OBJECT,
);

export const roleSchema = z.object(
  {
    name: text,
    description: text.optional(),
    permissions: list(permissionSchema),
  },
  OBJECT,
);

export const organizationRoleSchema = z.object({ name: text, description: text.optional(), scopes: list(text) }, OBJECT);

export const organizationSchema = z.object({ id: text, name: text, description: nullableText }, OBJECT);

export const membershipSchema = z.object({ id: text, roles: list(text) }, OBJECT);

export const userSchema = z.object(
  {
    id: text,
    username: nullableText,
    password: nullableText,
    name: nullableText,
    avatar: nullableText,
    primaryEmail: nullableText,
    primaryPhone: phoneDigits,
    profile: freeForm<UserProfile>().default(() => ({})),
    customData: jsonObject.default(() => ({})),
    identities: z
      .record(z.string(), freeForm<SeedUser['identities'][string]>({ userId: text }), OBJECT)
      .default(() => ({})),
    roles: list(text).default(() => []),
    organizations: list(membershipSchema).default(() => []),
  },
  OBJECT,
);

const connectorFields = { name: text, enabled: bool.default(true) };

/** Where the emulator sends the connector's calls (a mock); required, hence `prefault`. */
const emulatorSettings = (key: 'apiBaseUrl' | 'graphApiBaseUrl') => z.looseObject({ [key]: url }, OBJECT).prefault({});

const postmarkConnector = z.looseObject(
  {
    id: z.literal('postmark-mail'),
    target: z.literal('postmark-mail', { error: 'must be "postmark-mail" for connector "postmark-mail"' }),
    type: z.literal('Email', { error: 'must be "Email" for connector "postmark-mail"' }),
    ...connectorFields,
    config: z.looseObject(
      {
        serverToken: text,
        fromEmail: text,
        templates: list(z.looseObject({ usageType: text, templateAlias: text }, OBJECT)).superRefine((templates, ctx) => {
          for (const usageType of ['Register', 'SignIn', 'ForgotPassword', 'Generic']) {
            if (!templates.some((template) => template.usageType === usageType)) {
              ctx.addIssue({ code: 'custom', message: `a template for usageType "${usageType}" is required`, input: templates });
            }
          }
        }),
      },
      OBJECT,
    ),
    emulator: emulatorSettings('apiBaseUrl'),
  },
  OBJECT,
);

function socialConnector<Id extends string, Target extends string, Config extends z.ZodRawShape>(
  id: Id,
  target: Target,
  config: Config,
  emulatorKey: 'apiBaseUrl' | 'graphApiBaseUrl',
) {
  return z.looseObject(
    {
      id: z.literal(id),
      target: z.literal(target, { error: `must be "${target}" for connector "${id}"` }),
      type: z.literal('Social', { error: `must be "Social" for connector "${id}"` }),
      ...connectorFields,
      config: z.looseObject(config, OBJECT),
      emulator: emulatorSettings(emulatorKey),
    },
    OBJECT,
  );
}

const connectorSchemas = [
  postmarkConnector,
  socialConnector('feishu-web', 'feishu', { appId: text, appSecret: text, scope: text.optional() }, 'apiBaseUrl'),
  socialConnector(
    'azuread-universal',
    'azuread',
    { clientId: text, clientSecret: text, tenantId: text, cloudInstance: url, prompts: list(z.string()).optional(), scopes: list(text).optional() },
    'graphApiBaseUrl',
  ),
  socialConnector('gitlab-universal', 'gitlab', { clientId: text, clientSecret: text, scope: text.optional() }, 'apiBaseUrl'),
] as const;

const connectorIds = connectorSchemas.map((schema) => schema.shape.id.value).join(', ');

export const connectorSchema = z.discriminatedUnion('id', connectorSchemas, {
  error: (issue) => {
    if (issue.code !== 'invalid_union') return OBJECT.error;
    const id = (issue.input as JsonObject).id;
    return typeof id === 'string' && id ? `unknown connector "${id}" (supported: ${connectorIds})` : NON_EMPTY;
  },
});

const mockClient = z.object({ clientId: text, clientSecret: text, redirectUris: list(url) }, OBJECT);

function mockUpstream<Account>(accountId: 'sub' | 'id') {
  return z.object({ displayName: text, clients: list(mockClient), accounts: list(freeForm<Account>({ [accountId]: text })) }, OBJECT);
}

const mockUpstreamsSchema = z.object(
  {
    postmark: z.object({ serverToken: text, senderSignatures: list(text), templateAliases: list(text) }, OBJECT),
    gitlab: mockUpstream<GitLabAccount>('sub'),
    feishu: mockUpstream<FeishuAccount>('sub'),
    azuread: mockUpstream<AzureAdAccount>('id').extend({ tenantId: text }),
  },
  OBJECT,
);

export const seedSchema = z.object(
  {
    applications: list(applicationSchema),
    resources: list(resourceSchema),
    roles: list(roleSchema),
    organizationTemplate: z.object({ scopes: list(scopeSchema), roles: list(organizationRoleSchema) }, OBJECT),
    organizations: list(organizationSchema),
    users: list(userSchema),
    connectors: list(connectorSchema),
    mockUpstreams: mockUpstreamsSchema,
  },
  OBJECT,
) satisfies z.ZodType<Seed, unknown>;
