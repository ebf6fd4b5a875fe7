import { EMPTY_PAYLOAD_SHA256, awsUriEncode, canonicalQuery, signAwsV4 } from '../src/sigv4';
import { parseListObjectsV2 } from '../src/list-objects-xml';

// The worked examples of the AWS S3 SigV4 documentation ("Signature Calculations for the Authorization
// Header: Transferring Payload in a Single Chunk").
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const now = new Date('2013-05-24T00:00:00Z');

describe('signAwsV4', () => {
  test('GET Object with a Range header matches the documented signature', () => {
    const headers = signAwsV4({
      method: 'GET',
      host: 'examplebucket.s3.amazonaws.com',
      path: '/test.txt',
      query: '',
      headers: { Range: 'bytes=0-9' },
      region: 'us-east-1',
      credentials,
      now,
    });
    expect(headers.Authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
    expect(headers['x-amz-content-sha256']).toBe(EMPTY_PAYLOAD_SHA256);
  });

  test('a session token is signed and sent', () => {
    const a = signAwsV4({
      method: 'GET',
      host: 'h',
      path: '/',
      query: '',
      region: 'us-east-1',
      credentials,
      now,
    });
    const b = signAwsV4({
      method: 'GET',
      host: 'h',
      path: '/',
      query: '',
      region: 'us-east-1',
      credentials: { ...credentials, sessionToken: 'session' },
      now,
    });
    expect(b['x-amz-security-token']).toBe('session');
    expect(b.Authorization).toContain('x-amz-security-token');
    expect(b.Authorization).not.toBe(a.Authorization);
  });

  test('canonical encoding: RFC 3986, sorted query, slashes kept only in paths', () => {
    expect(awsUriEncode('courses/a b+c~d.json', true)).toBe('courses/a%20b%2Bc~d.json');
    expect(awsUriEncode('courses/')).toBe('courses%2F');
    expect(canonicalQuery({ prefix: 'courses/', 'list-type': '2', 'continuation-token': 'a/b=' })).toBe(
      'continuation-token=a%2Fb%3D&list-type=2&prefix=courses%2F',
    );
  });
});

describe('parseListObjectsV2', () => {
  test('one Contents is still a list; numeric-looking keys and tokens stay strings', () => {
    const page = parseListObjectsV2(
      '<?xml version="1.0"?><ListBucketResult><IsTruncated>true</IsTruncated>' +
        '<Contents><Key>1e5</Key><LastModified>2024-01-01T00:00:00.000Z</LastModified><Size>3</Size></Contents>' +
        '<CommonPrefixes><Prefix>courses/007/</Prefix></CommonPrefixes>' +
        '<NextContinuationToken>0012</NextContinuationToken></ListBucketResult>',
      'test',
    );
    expect(page).toEqual({
      objects: [{ key: '1e5', lastModified: '2024-01-01T00:00:00.000Z', size: 3 }],
      commonPrefixes: ['courses/007/'],
      nextContinuationToken: '0012',
      isTruncated: true,
    });
  });

  test('an S3 error document is a system error that names it', () => {
    expect(() => parseListObjectsV2('<Error><Code>NoSuchBucket</Code></Error>', 'GET /b')).toThrow(/<Error>/);
  });
});
