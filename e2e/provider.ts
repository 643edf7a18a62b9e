import { expect, type APIRequestContext } from '@playwright/test';

export const appUrl = () => process.env.E2E_APP_URL!;
export const providerUrl = () => process.env.E2E_PROVIDER_URL!;
export const usesEmulator = () => process.env.E2E_USES_EMULATOR === '1';

export interface PostmarkMessage {
  To: string;
  TemplateAlias: string;
  TemplateModel: { code?: string };
}

export interface TokenPolicy {
  accessTokenTtl: number;
  refreshTokenTtl: number;
  rotation: 'logto' | 'always';
  reuseGrace: number;
}

/** The local provider's test controls (enabled only for the e2e run) and its mock Postmark outbox. */
export class ProviderControls {
  constructor(private readonly request: APIRequestContext) {}

  private async post(path: string, data?: unknown) {
    const response = await this.request.post(`${providerUrl()}${path}`, { data });
    expect(response.ok(), `${path} answered ${response.status()}`).toBe(true);
    return response;
  }

  async tokenEndpoint(mode: 'normal' | 'fail' | 'hang') {
    await this.post('/__test/token-endpoint', { mode });
  }

  async config(policy: Partial<TokenPolicy>) {
    await this.post('/__test/config', policy);
  }

  /** Requests that reached the provider's /oidc endpoints, by path. */
  async stats(): Promise<{ total: number; byPath: Record<string, number> }> {
    const response = await this.request.get(`${providerUrl()}/__test/stats`);
    return (await response.json()) as { total: number; byPath: Record<string, number> };
  }

  async outbox(): Promise<PostmarkMessage[]> {
    const response = await this.request.get(`${providerUrl()}/mock/postmark/outbox`);
    return (await response.json()) as PostmarkMessage[];
  }

  /** Waits for the newest code mailed to `email` through the Postmark connector. */
  async latestCodeFor(email: string): Promise<string> {
    let code: string | undefined;
    await expect
      .poll(async () => {
        code = (await this.outbox()).filter((message) => message.To === email).at(-1)?.TemplateModel.code;
        return code;
      })
      .toMatch(/^\d{6}$/);
    return code!;
  }
}
