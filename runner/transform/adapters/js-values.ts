/** A decimal string as a number when the number prints back to the same value, else the string itself. */
export function toJsNumber(text: string): number | string {
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  if (/^[+-]?\d+$/.test(text)) return Number.isSafeInteger(n) ? n : text;
  const canonical = text
    .replace(/^([+-]?)0+(?=\d)/, '$1')
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
  return String(n) === canonical || String(n) === canonical.replace(/^\+/, '') ? n : text;
}

/** A zone-less timestamp text (`2020-01-01 10:00:00.5`) read as UTC. */
export function utcTimestamp(text: string): Date | string {
  const m = /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(\.\d+)?$/.exec(text);
  if (!m) return text;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${(m[7] ?? '').slice(0, 4)}Z`);
  return Number.isNaN(d.getTime()) ? text : d;
}
