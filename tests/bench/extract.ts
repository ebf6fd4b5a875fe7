/**
 * `npm run bench -- extract`: the built-in text extractors of source-course-content over a generated
 * OLX-like archive of 1,000 files of mixed types (HTML, XML, text, Markdown, SRT, VTT, JSON, sjson,
 * PDF): gunzip + untar + md5 + extraction, as the connector does it. Reports files/s and MB/s (of
 * uncompressed file bytes).
 */
import { createConnectorLogger } from '../../connectors/cdk';
import { readTarGz } from '../../connectors/source-course-content/src/archive/read-tar-gz';
import { extensionOf } from '../../connectors/source-course-content/src/content-file-record';
import { ContentExtractor } from '../../connectors/source-course-content/src/extract/content-extractor';
import { isContentFile } from '../../connectors/source-course-content/src/streams/course-archive-files';
import { minimalPdf } from '../../connectors/source-course-content/tests/support/minimal-pdf';
import { makeTarGz } from '../../connectors/source-course-content/tests/support/tar-gz';

const FILES = 1000;

function paragraph(i: number, words = 120): string {
  const vocab = [
    'wave',
    'particle',
    'energy',
    'momentum',
    'field',
    'charge',
    'lens',
    'mirror',
    'phase',
    'signal',
  ];
  return Array.from({ length: words }, (_, w) => vocab[(i * 7 + w * 3) % vocab.length]).join(' ');
}

function file(i: number): [string, Buffer | string] {
  const text = paragraph(i);
  switch (i % 9) {
    case 0:
      return [
        `course/html/page${i}.html`,
        `<html><head><title>Page ${i}</title></head><body><h1>Unit ${i}</h1><p>${text}</p><ul><li>${text}</li></ul></body></html>`,
      ];
    case 1:
      return [
        `course/problem/p${i}.xml`,
        `<problem display_name="Problem ${i}"><p>${text}</p><solution><p>${text}</p></solution></problem>`,
      ];
    case 2:
      return [`course/static/n${i}.txt`, `${text}\n\n${text}\n`];
    case 3:
      return [`course/static/n${i}.md`, `# Notes ${i}\n\n${text}\n`];
    case 4:
      return [
        `course/static/c${i}.srt`,
        Array.from(
          { length: 20 },
          (_, k) =>
            `${k + 1}\n00:00:${String(k).padStart(2, '0')},000 --> 00:00:${String(k).padStart(2, '0')},900\n${paragraph(i + k, 12)}\n`,
        ).join('\n'),
      ];
    case 5:
      return [
        `course/static/c${i}.vtt`,
        `WEBVTT\n\n${Array.from({ length: 20 }, (_, k) => `00:${String(k).padStart(2, '0')}.000 --> 00:${String(k).padStart(2, '0')}.900\n${paragraph(i + k, 12)}\n`).join('\n')}`,
      ];
    case 6:
      return [
        `course/policies/p${i}.json`,
        JSON.stringify({ title: `Policy ${i}`, sections: [text, { more: text }] }),
      ];
    case 7:
      return [
        `course/static/t${i}.srt.sjson`,
        JSON.stringify({ start: [0, 1], end: [1, 2], text: [text, text] }),
      ];
    default:
      return [`course/static/s${i}.pdf`, minimalPdf([`Slides ${i}`, paragraph(i, 12), paragraph(i + 1, 12)])];
  }
}

export async function run(): Promise<Record<string, number | string>> {
  const archive = await makeTarGz(Array.from({ length: FILES }, (_, i) => file(i)));
  const extractor = new ContentExtractor({ logger: createConnectorLogger({ write: () => undefined }) });
  try {
    // warm up the PDF worker so that its start-up is not counted
    await extractor.extract('.pdf', minimalPdf(['warm up']), 'warm-up.pdf');
    const started = process.hrtime.bigint();
    const files = await readTarGz(archive, isContentFile, 25 * 1024 * 1024);
    let bytes = 0;
    let chars = 0;
    let failed = 0;
    for (const f of files) {
      bytes += f.size;
      const r = await extractor.extract(extensionOf(f.path), f.bytes as Buffer, f.path);
      if (r.text === null) failed++;
      chars += r.text?.length ?? 0;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return {
      files: files.length,
      archive_kb: Math.round(archive.length / 1024),
      uncompressed_mb: Number((bytes / 1e6).toFixed(2)),
      seconds: Number(seconds.toFixed(3)),
      files_per_s: Math.round(files.length / seconds),
      mb_per_s: Number((bytes / 1e6 / seconds).toFixed(2)),
      text_chars: chars,
      without_text: failed,
    };
  } finally {
    await extractor.close();
  }
}
