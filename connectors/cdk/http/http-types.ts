/** The request and response shapes shared by the HTTP client, paginators and authenticators. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export interface HttpRequest {
  method?: HttpMethod;
  /** Absolute, or relative to the client's base URL. */
  url: string;
  params?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** A JSON body. */
  json?: unknown;
  /** A form-encoded body. */
  form?: Record<string, string>;
}

/** What the caller expects the body to be; anything else is a clear error. */
export type ExpectedBody = 'json' | 'xml' | 'text';

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  /** The parsed body (JSON value, XML object tree, or text). */
  data: T;
  /** The body's size in characters. */
  size: number;
  /** The final URL requested (after params). */
  url: string;
}

export interface SendOptions {
  expect?: ExpectedBody;
  /** Skip the authenticator (used by the authenticator itself to fetch tokens). */
  noAuth?: boolean;
  /** Called when the upstream throttles (429) before the client waits. */
  onRateLimited?: (quotaResetMs?: number) => void;
}

/** Anything that can send a request: the HttpClient, or a test double built on a real server. */
export interface HttpRequester {
  send<T = unknown>(req: HttpRequest, options?: SendOptions): Promise<HttpResponse<T>>;
}
