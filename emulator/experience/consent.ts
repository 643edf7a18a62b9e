/**
 * Consent and cancel: a first-party app gets every requested scope without a page (Logto's
 * https://github.com/logto-io/logto/blob/v1.37.1/packages/core/src/middleware/koa-auto-consent.ts),
 * a third-party one sees Authorize / Cancel. Cancel, on any page, ends the interaction with
 * `access_denied` "End-User aborted interaction".
 */
import { sendHtml } from '../http';
import { consentPage } from '../views/consent';
import { expiredPage } from '../views/message';
import { chrome, finishInteraction, languageOf, type InteractionContext } from './context';

/** The consent prompt: automatic for first-party applications, a page otherwise. */
export async function consent(ctx: InteractionContext): Promise<void> {
  const app = ctx.deps.store.application(String(ctx.details.params.client_id));
  if (app && !app.isThirdParty) {
    await grantConsent(ctx);
  } else {
    const scopes = String(ctx.details.params.scope ?? '').split(' ').filter(Boolean);
    sendHtml(ctx.res, 200, consentPage(chrome(ctx), scopes));
  }
}

/** Grants what the consent prompt says is missing: OIDC scopes, claims and resource scopes. */
export async function grantConsent(ctx: InteractionContext): Promise<void> {
  const { provider } = ctx.deps;
  const { details } = ctx;
  const accountId = details.session?.accountId;
  if (!accountId) {
    sendHtml(ctx.res, 400, expiredPage(languageOf(ctx)));
    return;
  }
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  const prompt = details.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (prompt.missingOIDCScope?.length) grant.addOIDCScope(prompt.missingOIDCScope.join(' '));
  if (prompt.missingOIDCClaims?.length) grant.addOIDCClaims(prompt.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(prompt.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  await finishInteraction(ctx, { consent: { grantId } }, true);
}

export async function cancel(ctx: InteractionContext): Promise<void> {
  await finishInteraction(ctx, { error: 'access_denied', error_description: 'End-User aborted interaction' }, false);
}
