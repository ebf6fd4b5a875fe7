/** `{% <tag> name %}body{% end<tag> %}` blocks of a file (snapshots, docs), with the line each starts on. */
export function extractBlocks(
  source: string,
  tag: string,
): { name: string; body: string; line: number; offset: number }[] {
  const re = new RegExp(
    `\\{%-?\\s*${tag}\\s+([A-Za-z_][\\w]*)\\s*-?%\\}([\\s\\S]*?)\\{%-?\\s*end${tag}\\s*-?%\\}`,
    'g',
  );
  const out: { name: string; body: string; line: number; offset: number }[] = [];
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const bodyOffset = m.index + m[0].indexOf('%}') + 2;
    out.push({
      name: m[1],
      body: m[2],
      line: source.slice(0, bodyOffset).split('\n').length,
      offset: bodyOffset,
    });
  }
  return out;
}
