/**
 * Split a byte stream into lines (without the newline), in order, as the chunks arrive; `onChunk` runs
 * after the lines of each chunk.
 */
export function onLines(
  stream: NodeJS.ReadableStream,
  onLine: (line: string) => void,
  onChunk?: () => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let rest = '';
    stream.setEncoding?.('utf8');
    stream.on('data', (chunk: string | Buffer) => {
      const text = rest + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      let start = 0;
      let nl = text.indexOf('\n');
      while (nl !== -1) {
        const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        if (end > start) onLine(text.slice(start, end));
        start = nl + 1;
        nl = text.indexOf('\n', start);
      }
      rest = text.slice(start);
      onChunk?.();
    });
    stream.on('end', () => {
      if (rest) onLine(rest);
      resolve();
    });
    stream.on('error', reject);
  });
}
