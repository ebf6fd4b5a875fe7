import { extractCaptions } from '../src/extract/caption-extractor';
import { ContentExtractor } from '../src/extract/content-extractor';
import { decodeEntities } from '../src/extract/decode-entities';
import { extractHtml } from '../src/extract/html-extractor';
import { extractJson } from '../src/extract/json-extractor';
import { PdfExtractor } from '../src/extract/pdf-extractor';
import { extractXml } from '../src/extract/xml-extractor';
import { createConnectorLogger } from '../../cdk';
import { archiveCourse, newestPerCourse } from '../src/streams/course-archive-files';
import { fileKeyOf } from '../src/streams/ocw-content-files';
import { canonicalQuery, signV4 } from '../src/storage/sigv4';
import { minimalPdf } from './support/minimal-pdf';

const b = (s: string) => Buffer.from(s);

test('SigV4 matches the AWS documentation example (GET object with a Range header)', () => {
  const h = signV4(
    {
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { Range: 'bytes=0-9' },
      payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      region: 'us-east-1',
      service: 's3',
      amzDate: '20130524T000000Z',
    },
    { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  );
  expect(h.Authorization).toBe(
    'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
  );
  expect(canonicalQuery({ prefix: 'a b/c', 'list-type': '2' })).toBe('list-type=2&prefix=a%20b%2Fc');
});

test('entities, HTML and XML', () => {
  expect(decodeEntities('a &amp; b &#233; &#x41; &nbsp;&unknown;')).toBe('a & b é A  &unknown;');
  expect(
    extractHtml(
      b(
        '<html><head><title>T &amp; U</title></head><body><p>One</p><!-- c --><p>Two<br>Three</p></body></html>',
      ),
    ),
  ).toEqual({
    title: 'T & U',
    text: 'One\nTwo\nThree',
  });
  expect(extractHtml(b('<h1>Heading</h1><p>x</p>')).title).toBe('Heading');
  expect(
    extractXml(
      b(
        '<?xml version="1.0"?><video display_name=\'Lecture &quot;1&quot;\' youtube="x"><transcript/></video>',
      ),
    ),
  ).toEqual({
    title: 'Lecture "1"',
    text: '',
  });
});

test('captions keep only the spoken words', () => {
  const vtt =
    'WEBVTT\nKind: captions\n\nSTYLE\n::cue { color: red }\n\n1\n00:01.000 --> 00:02.000 align:start\n<c.yellow>Hi</c> &amp; welcome\n\n00:02.000 --> 00:03.000\nsecond\n';
  expect(extractCaptions(b(vtt)).text).toBe('Hi & welcome second');
  expect(
    extractCaptions(
      b(
        '\ufeff1\r\n00:00:00,000 --> 00:00:01,000\r\nA\r\nB\r\n\r\n2\r\n00:00:01,000 --> 00:00:02,000\r\nC\r\n',
      ),
    ).text,
  ).toBe('A B C');
});

test('JSON: sjson transcripts, other documents, invalid JSON', () => {
  expect(extractJson(b('{"start":[1],"end":[2],"text":[" a ","b"]}')).text).toBe('a b');
  expect(extractJson(b('{"x":{"y":["p",1,"q"]},"z":"r"}')).text).toBe('p\nq\nr');
  expect(() => extractJson(b('{nope'))).toThrow(/not valid JSON/);
});

test('PDF: text and title through the worker; a broken PDF fails alone', async () => {
  const pdf = new PdfExtractor();
  try {
    expect(await pdf.extract(minimalPdf(['Alpha (1)', 'Beta'], 'The Title'))).toEqual({
      text: 'Alpha (1)\nBeta',
      title: 'The Title',
    });
    await expect(pdf.extract(b('%PDF-1.4 garbage'))).rejects.toThrow(/not a readable PDF/);
    expect((await pdf.extract(minimalPdf(['Still working']))).text).toBe('Still working');
  } finally {
    await pdf.close();
  }
});

test('content extractor: no extractor and failed extraction are reasons, not errors', async () => {
  const x = new ContentExtractor({ logger: createConnectorLogger({ write: () => undefined }) });
  try {
    expect(await x.extract('.pptx', b('x'), 'a.pptx')).toMatchObject({ text: null, final: true });
    expect((await x.extract('.json', b('{'), 'a.json')).skipped_reason).toMatch(
      /^extraction_failed: not valid JSON/,
    );
    expect(await x.extract('.txt', b(' hi  there '), 'a.txt')).toMatchObject({
      text: 'hi there',
      text_source: 'builtin',
    });
  } finally {
    await x.close();
  }
});

test('OCW file references: URLs become bucket keys', () => {
  expect(fileKeyOf('https://ol-ocw-studio-app-qa.s3.amazonaws.com/courses/x/a%2001.pdf')).toBe(
    'courses/x/a 01.pdf',
  );
  expect(fileKeyOf('courses/x/t.pdf')).toBe('courses/x/t.pdf');
});

test('archives: only the newest of each course', () => {
  const o = (key: string, lastModified: string) => ({ key, lastModified, size: 1, etag: key });
  expect(archiveCourse('p/course-v1:MITx+6.00x+1T2026.tar.gz')).toBe('course-v1:MITx+6.00x+1T2026');
  expect(archiveCourse('p/course-v1:MITx+6.00x+1T2026/2026-01-02.tar.gz')).toBe(
    'course-v1:MITx+6.00x+1T2026',
  );
  const { newest, older } = newestPerCourse([
    o('p/course-v1:A+B+C/2026-01-01.tar.gz', '2026-01-01T00:00:00.000Z'),
    o('p/course-v1:A+B+C/2026-02-01.tar.gz', '2026-02-01T00:00:00.000Z'),
    o('p/course-v1:D+E+F.tar.gz', '2025-01-01T00:00:00.000Z'),
  ]);
  expect(newest.map((x) => x.key)).toEqual([
    'p/course-v1:A+B+C/2026-02-01.tar.gz',
    'p/course-v1:D+E+F.tar.gz',
  ]);
  expect(older).toBe(1);
});
