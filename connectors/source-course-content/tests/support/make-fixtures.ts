/**
 * Writes the synthetic fixtures of source-course-content (run once, outputs are committed):
 * `node -r tsx/cjs connectors/source-course-content/tests/support/make-fixtures.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { minimalPdf } from './minimal-pdf';
import { syntheticCourseFiles } from './synthetic-course';
import { makeTarGz } from './tar-gz';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');

async function main(): Promise<void> {
  const archives = path.join(FIXTURES, 'archives');
  fs.mkdirSync(archives, { recursive: true });
  const synthetic = await makeTarGz(syntheticCourseFiles());
  fs.writeFileSync(path.join(archives, 'course-v1:MITxT+SYN.101x+1T2026.tar.gz'), synthetic);
  // a corrupt archive: the first half of a valid one
  fs.writeFileSync(
    path.join(archives, 'course-v1:MITxT+BROKEN.1x+1T2026.tar.gz'),
    synthetic.subarray(0, Math.floor(synthetic.length / 2)),
  );
  const ocw = path.join(
    FIXTURES,
    'ocw',
    'courses',
    '16-01-unified-engineering-i-ii-iii-iv-fall-2005-spring-2006',
  );
  fs.mkdirSync(ocw, { recursive: true });
  const pdfs: Array<[string, string[], string]> = [
    [
      '0902956aa08f67a954b28efdcbaaa472_MIT6_262S11_assn 01.pdf',
      ['Problem Set 1', 'Compute the lift on a flat plate.'],
      'Problem Set 1',
    ],
    [
      '1MTm4cjPnMl0AmnP42tDtBleiQ3Zc2g26_transcript.pdf',
      ['Transcript', 'Today we talk about forces.'],
      'Lecture transcript',
    ],
    ['textbook.pdf', ['Unified Engineering Textbook', 'Chapter 1 Statics'], 'Textbook'],
  ];
  for (const [name, lines, title] of pdfs) fs.writeFileSync(path.join(ocw, name), minimalPdf(lines, title));
}

void main();
