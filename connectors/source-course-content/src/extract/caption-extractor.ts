import { decodeEntities } from './decode-entities';
import { decodeUtf8, type ExtractedText } from './extracted-text';

const TIMING = /^\s*(\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->\s*(\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}/;

/**
 * SRT and WebVTT captions: the spoken text only. Cue numbers and ids, timings, the WEBVTT header,
 * NOTE/STYLE/REGION blocks and voice/style tags are dropped; cues are joined with spaces and a blank
 * line between caption blocks becomes one space too, so the result reads as running text.
 */
export function extractCaptions(bytes: Buffer): ExtractedText {
  const blocks = decodeUtf8(bytes)
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/);
  const out: string[] = [];
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    if (!lines.length) continue;
    if (/^(WEBVTT|NOTE|STYLE|REGION)\b/.test(lines[0].trim()) && !lines.some((l) => TIMING.test(l))) continue;
    const timing = lines.findIndex((l) => TIMING.test(l));
    const text = timing >= 0 ? lines.slice(timing + 1) : lines.filter((l) => !/^\d+$/.test(l.trim()));
    for (const l of text) {
      const clean = decodeEntities(l.replace(/<[^>]+>/g, '')).trim();
      if (clean) out.push(clean);
    }
  }
  return { text: out.join(' ').replace(/\s+/g, ' ').trim() };
}
