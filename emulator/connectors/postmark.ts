/**
 * The client half of Logto's Postmark email connector (`connector-postmark`): picks the template
 * for the usage type (falling back to `Generic`) and calls Postmark's
 * `POST /email/withTemplate` with the `X-Postmark-Server-Token` header.
 */
import type { PostmarkConnector, PostmarkUsageType } from '../types';

export class PostmarkError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'PostmarkError';
  }
}

export interface SendCodeInput {
  to: string;
  usageType: PostmarkUsageType;
  payload: { code: string; locale?: string; uiLocales?: string };
}

export async function sendWithTemplate(
  connector: PostmarkConnector,
  fetchFn: typeof fetch,
  { to, usageType, payload }: SendCodeInput,
): Promise<{ messageId: string }> {
  const { serverToken, fromEmail, templates } = connector.config;
  const template =
    templates.find((item) => item.usageType === usageType) ?? templates.find((item) => item.usageType === 'Generic');
  if (!template) {
    throw new PostmarkError(0, undefined, `no Postmark template configured for usage type ${usageType}`);
  }

  const response = await fetchFn(`${connector.emulator.apiBaseUrl ?? 'https://api.postmarkapp.com'}/email/withTemplate`, {
    method: 'POST',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'X-Postmark-Server-Token': serverToken,
    },
    body: JSON.stringify({ From: fromEmail, To: to, TemplateAlias: template.templateAlias, TemplateModel: payload }),
  });

  const body = (await response.json().catch(() => ({}))) as { ErrorCode?: number; Message?: string; MessageID?: string };
  if (!response.ok || (body.ErrorCode !== undefined && body.ErrorCode !== 0)) {
    throw new PostmarkError(response.status, body.ErrorCode, body.Message ?? `Postmark answered HTTP ${response.status}`);
  }
  return { messageId: body.MessageID ?? '' };
}
