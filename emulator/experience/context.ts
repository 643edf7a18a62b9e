/**
 * What the sign-in experience's flows share: their dependencies, the request being handled with
 * the oidc-provider interaction it belongs to, and how a flow ends it. Signing a user in is
 * `interactionFinished` with a `login` result, as Logto's Experience API does on submit.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';

import { chooseLanguage, textFor, type ExperienceText, type UiLanguage } from '../i18n/text';
import type { Store } from '../store';
import type { User } from '../types';
import type { InteractionChrome } from '../views/interaction';

export type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

export interface ExperienceDependencies {
  provider: Provider;
  store: Store;
  /** fetch for server-to-server calls to the emulator's own mocks. */
  fetch: typeof fetch;
  publicBaseUrl: string;
  log: (line: string) => void;
}

/** One request to `/interaction/<uid>/…`, after the interaction was found. */
export interface InteractionContext {
  deps: ExperienceDependencies;
  req: IncomingMessage;
  res: ServerResponse;
  details: Interaction;
  query: URLSearchParams;
}

/** The interaction's language: its `ui_locales` (as Logto keeps it), else the browser's. */
export function languageOf({ details, req }: Pick<InteractionContext, 'details' | 'req'>): UiLanguage {
  return chooseLanguage(details.params.ui_locales, req.headers['accept-language']);
}

/** The interaction's texts (its pages' and its messages'), in its language. */
export function textOf(ctx: Pick<InteractionContext, 'details' | 'req'>): ExperienceText {
  return textFor(languageOf(ctx));
}

/** The parts of a page that depend on the interaction rather than on the screen. */
export function chrome(ctx: InteractionContext): InteractionChrome {
  const { deps, details } = ctx;
  const language = languageOf(ctx);
  const text = textFor(language);
  return {
    uid: details.uid,
    language,
    text,
    appName: deps.store.application(String(details.params.client_id))?.name ?? text.theApplication,
    emailEnabled: Boolean(deps.store.postmark()),
    socialConnectors: deps.store.socialConnectors(),
  };
}

export async function finishInteraction(ctx: InteractionContext, result: InteractionResults, mergeWithLastSubmission: boolean): Promise<void> {
  await ctx.deps.provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission });
}

/** Ends the login prompt with `user` signed in; `amr` is how (`pwd`, `otp`). */
export async function signIn(ctx: InteractionContext, user: User, amr: string): Promise<void> {
  ctx.deps.store.touch(user);
  await finishInteraction(ctx, { login: { accountId: user.id, amr: [amr] } }, false);
}
