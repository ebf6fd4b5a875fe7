import crypto from 'node:crypto';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** SHA-256 of the empty payload (every request this connector sends is a GET). */
export const EMPTY_PAYLOAD_SHA256 = crypto.createHash('sha256').update('').digest('hex');

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters (and `/` in paths). */
export function awsUriEncode(value: string, keepSlash = false): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c) || (keepSlash && c === '/')) out += c;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `a=1&b=2`, keys and values encoded and sorted as SigV4's canonical query string. */
export function canonicalQuery(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => [awsUriEncode(k), awsUriEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function hmac(key: crypto.BinaryLike, data: string): Buffer {
  return crypto.createHmac('sha256', key).update(data, 'utf8').digest();
}

export interface SignRequest {
  method: string;
  /** Host as sent (with the port when it is not the scheme's default). */
  host: string;
  /** The already-encoded path, e.g. `/bucket/courses/a%20b/data.json`. */
  path: string;
  /** The already-canonical query (see `canonicalQuery`). */
  query: string;
  /** Extra headers to sign (lower-cased names), e.g. `range`. */
  headers?: Record<string, string>;
  payloadSha256?: string;
  region: string;
  service?: string;
  credentials: AwsCredentials;
  now: Date;
}

/**
 * AWS Signature Version 4 for a request whose payload hash is known: returns the headers to send
 * (`Authorization`, `x-amz-date`, `x-amz-content-sha256`, and `x-amz-security-token` with a session
 * token). The host header is signed but not returned (the HTTP stack sets it).
 */
export function signAwsV4(req: SignRequest): Record<string, string> {
  const amzDate = req.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const service = req.service ?? 's3';
  const payload = req.payloadSha256 ?? EMPTY_PAYLOAD_SHA256;
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    host: req.host,
    'x-amz-content-sha256': payload,
    'x-amz-date': amzDate,
    ...(req.credentials.sessionToken ? { 'x-amz-security-token': req.credentials.sessionToken } : {}),
  };
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((n) => `${n}:${headers[n].trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = [req.method, req.path, req.query, canonicalHeaders, signedHeaders, payload].join(
    '\n',
  );
  const scope = `${day}/${req.region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    crypto.createHash('sha256').update(canonicalRequest, 'utf8').digest('hex'),
  ].join('\n');
  const kDate = hmac(`AWS4${req.credentials.secretAccessKey}`, day);
  const kSigning = hmac(hmac(hmac(kDate, req.region), service), 'aws4_request');
  const signature = crypto.createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
  const out: Record<string, string> = {
    Authorization: `AWS4-HMAC-SHA256 Credential=${req.credentials.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': payload,
  };
  if (req.credentials.sessionToken) out['x-amz-security-token'] = req.credentials.sessionToken;
  return out;
}
