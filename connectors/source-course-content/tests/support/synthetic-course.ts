import { minimalPdf } from './minimal-pdf';

/**
 * The files of a synthetic OLX course export with every content type the connector handles: HTML, XML
 * blocks with display names, SRT and VTT captions, an edX `.sjson` transcript, JSON, Markdown, text,
 * a PDF, a `.docx` (no built-in extractor), plus a draft folder and macOS metadata (both ignored) and a
 * `.png` (not a text type).
 */
export function syntheticCourseFiles(): Array<[string, Buffer | string]> {
  return [
    ['course/course.xml', '<course url_name="1T2026" org="MITxT" course="SYN.101x"/>\n'],
    [
      'course/course/1T2026.xml',
      '<course display_name="Synthetic Course: Waves &amp; Optics" start="2026-01-05T00:00:00+00:00">\n  <chapter url_name="week1"/>\n</course>\n',
    ],
    [
      'course/html/intro.html',
      '<html><head><title>Welcome to Waves</title><style>p{color:red}</style></head><body><h1>Week 1</h1><p>Light is a wave &amp; a particle.</p><script>var x=1;</script><ul><li>Reflection</li><li>Refraction</li></ul></body></html>\n',
    ],
    [
      'course/problem/ps1.xml',
      '<problem display_name="Problem Set 1"><p>What is the speed of light?</p><![CDATA[Use c = 3e8 m/s.]]></problem>\n',
    ],
    [
      'course/static/lecture1.srt',
      '1\n00:00:01,000 --> 00:00:03,500\nHello and welcome.\n\n2\n00:00:04,000 --> 00:00:06,000\nToday: <i>interference</i>.\n',
    ],
    [
      'course/static/lecture2.vtt',
      'WEBVTT\n\nNOTE recorded in 2026\n\nintro\n00:00:01.000 --> 00:00:02.000\n<v Prof>Diffraction gratings</v>\n\n00:00:02.500 --> 00:00:04.000\nsplit light by wavelength.\n',
    ],
    [
      'course/static/subs_lecture3.srt.sjson',
      '{"start":[0,1500],"end":[1500,3000],"text":["Polarization filters","block one direction."]}',
    ],
    [
      'course/policies/1T2026/policy.json',
      '{"course/1T2026":{"display_name":"Synthetic Course","tabs":[{"name":"Course"}]}}',
    ],
    ['course/static/notes.md', "# Notes\n\n  Snell's law:   n1 sin a = n2 sin b\n"],
    ['course/static/readme.txt', 'Plain text file.\r\nSecond line.\r\n'],
    ['course/static/slides.pdf', minimalPdf(['Lecture Slides', 'Young double slit experiment'])],
    ['course/static/handout.docx', Buffer.from('PK\u0003\u0004 not really a docx')],
    ['course/drafts/ignored.html', '<p>not in a draft folder: kept</p>'],
    ['course/draft/html/unpublished.html', '<p>draft content is skipped</p>'],
    ['course/static/._lecture1.srt', 'macOS metadata'],
    ['course/static/diagram.png', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
  ];
}
