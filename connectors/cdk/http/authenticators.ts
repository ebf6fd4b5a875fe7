import { ConfigurationError, SystemError } from '../errors';
import type { HttpRequester } from './http-types';

/** Adds credentials to requests. The HttpClient calls `init` once with itself (for token requests). */
export interface Authenticator {
  init?(client: HttpRequester): void;
  apply(req: { headers: Record<string, string>; params: Record<string, unknown> }): Promise<void>;
  /**
   * After a 401 to a request sent with `used` (its Authorization header): drop those credentials if
   * they are still cached; true if one retry with fresh credentials makes sense.
   */
  invalidate?(used: string | undefined): boolean;
  /** Values that must never be logged (the logger redacts them). */
  secrets(): string[];
}

/** A static API key in a header, e.g. MITx Online's `Authorization: Api-Key <key>`. */
export class ApiKeyAuthenticator implements Authenticator {
  constructor(
    private readonly key: string,
    private readonly options: { header?: string; prefix?: string; queryParam?: string } = {},
  ) {}
  async apply(req: { headers: Record<string, string>; params: Record<string, unknown> }): Promise<void> {
    if (this.options.queryParam) {
      req.params[this.options.queryParam] = this.key;
      return;
    }
    const prefix = this.options.prefix ? `${this.options.prefix} ` : '';
    req.headers[this.options.header ?? 'Authorization'] = `${prefix}${this.key}`;
  }
  secrets(): string[] {
    return [this.key];
  }
}

/** `Authorization: Bearer <token>`. */
export class BearerAuthenticator extends ApiKeyAuthenticator {
  constructor(token: string) {
    super(token, { header: 'Authorization', prefix: 'Bearer' });
  }
}

export interface OAuth2ClientCredentialsOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  /**
   * `jwt` asks for a JWT (`token_type=jwt` in the token request, as edX wants) and sends it as
   * `Authorization: JWT <token>`. Otherwise the header scheme follows the response's token_type
   * (default Bearer).
   */
  tokenType?: 'jwt' | 'bearer';
  /** `body` (default): client_id/client_secret in the form; `basic`: HTTP Basic auth. */
  credentialsIn?: 'body' | 'basic';
  /** Extra form fields for the token request. */
  extra?: Record<string, string>;
  /** Refresh this long before the token expires (default 60 s). */
  skewMs?: number;
  now?: () => number;
}

/**
 * OAuth2 client credentials: fetches a token on first use, reuses it until shortly before it expires,
 * refreshes on expiry or after a 401, and shares one in-flight token request between concurrent callers.
 */
export class OAuth2ClientCredentials implements Authenticator {
  private client?: HttpRequester;
  private token?: { value: string; scheme: string; expiresAt: number };
  private pending?: Promise<void>;
  /** Token requests made (for tests and logs). */
  fetches = 0;

  constructor(private readonly options: OAuth2ClientCredentialsOptions) {}

  init(client: HttpRequester): void {
    this.client = client;
  }

  async apply(req: { headers: Record<string, string>; params: Record<string, unknown> }): Promise<void> {
    const now = (this.options.now ?? Date.now)();
    if (!this.token || this.token.expiresAt - (this.options.skewMs ?? 60_000) <= now) {
      this.pending ??= this.fetch().finally(() => (this.pending = undefined));
      await this.pending;
    }
    const t = this.token as { value: string; scheme: string };
    req.headers.Authorization = `${t.scheme} ${t.value}`;
  }

  invalidate(used: string | undefined): boolean {
    // A concurrent request may already have replaced the token that was refused.
    if (this.token && `${this.token.scheme} ${this.token.value}` === used) this.token = undefined;
    return true;
  }

  secrets(): string[] {
    return [this.options.clientSecret, ...(this.token ? [this.token.value] : [])];
  }

  /** The grant fields of the token request. */
  protected grant(): Record<string, string> {
    return { grant_type: 'client_credentials' };
  }

  /** Sees every token response (before the access token is taken from it). */
  protected received(_body: Record<string, unknown>): void {}

  private async fetch(): Promise<void> {
    if (!this.client) throw new SystemError('OAuth2ClientCredentials used before init(client)');
    const o = this.options;
    const form: Record<string, string> = { ...this.grant(), ...(o.extra ?? {}) };
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (o.credentialsIn === 'basic') {
      headers.Authorization = `Basic ${Buffer.from(`${o.clientId}:${o.clientSecret}`).toString('base64')}`;
    } else {
      form.client_id = o.clientId;
      form.client_secret = o.clientSecret;
    }
    if (o.scope) form.scope = o.scope;
    if (o.tokenType === 'jwt') form.token_type = 'jwt';
    this.fetches++;
    let res;
    try {
      res = await this.client.send<Record<string, unknown>>(
        { method: 'POST', url: o.tokenUrl, form, headers },
        { expect: 'json', noAuth: true },
      );
    } catch (e) {
      if (e instanceof ConfigurationError) {
        throw new ConfigurationError(
          'the token endpoint refused the client credentials; check client_id and client_secret',
          {
            where: o.tokenUrl,
            cause: e,
          },
        );
      }
      throw e;
    }
    const body = res.data ?? {};
    this.received(body);
    const value = body.access_token;
    if (typeof value !== 'string' || !value) {
      throw new SystemError('the token response has no access_token', { where: o.tokenUrl });
    }
    const expiresIn = Number(body.expires_in ?? 3600);
    const declared = typeof body.token_type === 'string' ? body.token_type.toLowerCase() : '';
    const scheme = o.tokenType === 'jwt' || declared === 'jwt' ? 'JWT' : 'Bearer';
    this.token = {
      value,
      scheme,
      expiresAt: (o.now ?? Date.now)() + (Number.isFinite(expiresIn) ? expiresIn : 3600) * 1000,
    };
  }
}

export interface OAuth2RefreshTokenOptions extends Omit<OAuth2ClientCredentialsOptions, 'tokenType'> {
  refreshToken: string;
  /**
   * Called when the token endpoint returns a new refresh token (single-use tokens). A source passes it
   * to `runtime.updateConfig`, which emits a CONTROL message so the platform stores it.
   */
  onRefreshTokenRotated?: (refreshToken: string) => void;
}

/** OAuth2 with a refresh token (grant_type=refresh_token), following rotated refresh tokens. */
export class OAuth2RefreshToken extends OAuth2ClientCredentials {
  private refreshToken: string;

  constructor(private readonly refreshOptions: OAuth2RefreshTokenOptions) {
    super(refreshOptions);
    this.refreshToken = refreshOptions.refreshToken;
  }

  protected override grant(): Record<string, string> {
    return { grant_type: 'refresh_token', refresh_token: this.refreshToken };
  }

  protected override received(body: Record<string, unknown>): void {
    const next = body.refresh_token;
    if (typeof next === 'string' && next && next !== this.refreshToken) {
      this.refreshToken = next;
      this.refreshOptions.onRefreshTokenRotated?.(next);
    }
  }

  override secrets(): string[] {
    return [...super.secrets(), this.refreshToken];
  }
}
