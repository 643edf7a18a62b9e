/**
 * A Postmark look-alike for `POST /email/withTemplate`. It checks the server token, the sender
 * signature and the template alias, answers like Postmark, and keeps every accepted message in an
 * outbox that tests (and developers) can read at `GET /mock/postmark/outbox`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { readBody, sendJson } from '../http';
import type { JsonObject, MockPostmark } from '../types';

export interface PostmarkMessage {
  MessageID: string;
  SubmittedAt: string;
  From: string;
  To: string;
  TemplateAlias: string;
  TemplateModel: JsonObject;
}

export const POSTMARK_MOUNT = '/mock/postmark';

export class PostmarkMock {
  readonly outbox: PostmarkMessage[] = [];

  constructor(private readonly settings: MockPostmark) {}

  reset(): void {
    this.outbox.length = 0;
  }

  /** Handles `/mock/postmark/*`; returns false for paths it does not own. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (path === `${POSTMARK_MOUNT}/outbox` && req.method === 'GET') {
      sendJson(res, 200, this.outbox);
      return true;
    }
    if (path === `${POSTMARK_MOUNT}/email/withTemplate` && req.method === 'POST') {
      await this.#sendWithTemplate(req, res);
      return true;
    }
    return false;
  }

  async #sendWithTemplate(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = req.headers['x-postmark-server-token'];
    if (typeof token !== 'string' || token.length === 0) {
      sendJson(res, 401, {
        ErrorCode: 10,
        Message:
          'No Account or Server API tokens were supplied in the HTTP headers. Please add a header for either X-Postmark-Server-Token or X-Postmark-Account-Token.',
      });
      return;
    }
    if (token !== this.settings.serverToken) {
      sendJson(res, 401, {
        ErrorCode: 10,
        Message:
          'The Server Token you provided in the X-Postmark-Server-Token request header was invalid. Please verify that you are using a valid token.',
      });
      return;
    }

    let body: JsonObject;
    try {
      const parsed: unknown = JSON.parse(await readBody(req));
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as JsonObject;
    } catch {
      sendJson(res, 422, { ErrorCode: 402, Message: 'Received invalid JSON input.' });
      return;
    }

    const from = typeof body.From === 'string' ? body.From : '';
    const to = typeof body.To === 'string' ? body.To : '';
    const alias = typeof body.TemplateAlias === 'string' ? body.TemplateAlias : '';
    const model = body.TemplateModel;

    if (!this.settings.senderSignatures.some((signature) => signature.toLowerCase() === from.toLowerCase())) {
      sendJson(res, 422, {
        ErrorCode: 400,
        Message: `The 'From' address you supplied (${from}) is not a Sender Signature on your account. Please add and confirm this address in order to be able to use it in the 'From' field of your messages.`,
      });
      return;
    }
    if (!/^[^\s@]+@[^\s@]+$/.test(to)) {
      sendJson(res, 422, { ErrorCode: 300, Message: `Invalid 'To' address: '${to}'.` });
      return;
    }
    if (!this.settings.templateAliases.includes(alias)) {
      sendJson(res, 422, {
        ErrorCode: 1101,
        Message: "The Template's 'Alias' associated with this request is not valid or was not found.",
      });
      return;
    }
    if (model === null || typeof model !== 'object' || Array.isArray(model)) {
      sendJson(res, 422, { ErrorCode: 1109, Message: 'A TemplateModel must be provided when sending with a template.' });
      return;
    }

    const message: PostmarkMessage = {
      MessageID: randomUUID(),
      SubmittedAt: new Date().toISOString(),
      From: from,
      To: to,
      TemplateAlias: alias,
      TemplateModel: model as JsonObject,
    };
    this.outbox.push(message);
    sendJson(res, 200, { To: to, SubmittedAt: message.SubmittedAt, MessageID: message.MessageID, ErrorCode: 0, Message: 'OK' });
  }
}
