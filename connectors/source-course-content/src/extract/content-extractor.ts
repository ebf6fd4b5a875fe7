import type { ConnectorLogger } from '../../../cdk';
import { builtinExtractors } from './builtin-extractors';
import { ExtractionError, type Extractor } from './extracted-text';
import { extractHtml } from './html-extractor';
import { PdfExtractor } from './pdf-extractor';
import { TikaClient, TikaError, type TikaOptions } from './tika-client';
import { extractXml } from './xml-extractor';

/** The outcome for one file: its text (or why there is none) and where the text came from. */
export interface ExtractionResult {
  text: string | null;
  title: string | null;
  text_source: 'tika' | 'builtin' | null;
  skipped_reason: string | null;
  /** False when trying again later may give the text (Tika overloaded): the file is not remembered as done. */
  final: boolean;
}

/**
 * Text for a content file: Apache Tika when configured, else the built-in extractor for its extension.
 * Titles come from the document itself (HTML `<title>`, OLX `display_name`, PDF metadata) either way.
 * Failures cost the file its text, never the run (a wrong Tika token excepted).
 */
export class ContentExtractor {
  private readonly pdf: PdfExtractor;
  private readonly builtins: Record<string, Extractor>;
  readonly tika?: TikaClient;

  constructor(options: {
    tika?: Omit<TikaOptions, 'logger'>;
    pdfTimeoutMs?: number;
    logger: ConnectorLogger;
  }) {
    this.pdf = new PdfExtractor({ timeoutMs: options.pdfTimeoutMs, log: (l) => options.logger.debug(l) });
    this.builtins = builtinExtractors(this.pdf);
    if (options.tika) this.tika = new TikaClient({ ...options.tika, logger: options.logger });
  }

  async extract(extension: string, bytes: Buffer, name: string): Promise<ExtractionResult> {
    const none = (reason: string, final = true): ExtractionResult => ({
      text: null,
      title: null,
      text_source: null,
      skipped_reason: reason,
      final,
    });
    if (this.tika) {
      let text: string;
      try {
        text = await this.tika.text(bytes, name);
      } catch (e) {
        if (!(e instanceof TikaError)) throw e;
        return none(`tika_failed: ${e.message}`, !e.retryable);
      }
      return {
        text: text.trim(),
        title: this.titleOf(extension, bytes),
        text_source: 'tika',
        skipped_reason: null,
        final: true,
      };
    }
    const extractor = this.builtins[extension];
    if (!extractor)
      return none(`no_extractor: no built-in text extractor for ${extension} files; configure tika_url`);
    try {
      const r = await extractor(bytes);
      return {
        text: r.text,
        title: r.title ?? null,
        text_source: 'builtin',
        skipped_reason: null,
        final: true,
      };
    } catch (e) {
      if (!(e instanceof ExtractionError)) throw e;
      return none(`extraction_failed: ${e.message}`);
    }
  }

  private titleOf(extension: string, bytes: Buffer): string | null {
    if (extension === '.html' || extension === '.htm') return extractHtml(bytes).title ?? null;
    if (extension === '.xml') return extractXml(bytes).title ?? null;
    return null;
  }

  close(): Promise<void> {
    return this.pdf.close();
  }
}
