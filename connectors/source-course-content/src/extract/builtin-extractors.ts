import { extractCaptions } from './caption-extractor';
import type { Extractor } from './extracted-text';
import { extractHtml } from './html-extractor';
import { extractJson } from './json-extractor';
import type { PdfExtractor } from './pdf-extractor';
import { extractPlainText } from './text-extractor';
import { extractXml } from './xml-extractor';

/** The built-in extractor for each file extension (lower case, with the dot). */
export function builtinExtractors(pdf: PdfExtractor): Record<string, Extractor> {
  return {
    '.html': extractHtml,
    '.htm': extractHtml,
    '.xml': extractXml,
    '.txt': extractPlainText,
    '.md': extractPlainText,
    '.tex': extractPlainText,
    '.srt': extractCaptions,
    '.vtt': extractCaptions,
    '.json': extractJson,
    '.sjson': extractJson,
    '.pdf': pdf.extract,
  };
}

/** The file types MIT Learn extracts text from (`VALID_TEXT_FILE_TYPES`); others are not content files. */
export const TEXT_FILE_TYPES = [
  '.doc',
  '.docx',
  '.htm',
  '.html',
  '.json',
  '.md',
  '.pdf',
  '.tex',
  '.ppt',
  '.pptx',
  '.rtf',
  '.sjson',
  '.srt',
  '.txt',
  '.vtt',
  '.xml',
];

const MIME: Record<string, string> = {
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.htm': 'text/html',
  '.html': 'text/html',
  '.json': 'application/json',
  '.sjson': 'application/json',
  '.md': 'text/markdown',
  '.pdf': 'application/pdf',
  '.tex': 'application/x-tex',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.rtf': 'application/rtf',
  '.srt': 'application/x-subrip',
  '.txt': 'text/plain',
  '.vtt': 'text/vtt',
  '.xml': 'application/xml',
};

/** The MIME type for an extension, or `application/octet-stream`. */
export function mimeTypeOf(extension: string): string {
  return MIME[extension] ?? 'application/octet-stream';
}
