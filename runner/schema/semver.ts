/** A parsed x.y.z version. */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
}

export function parseSemver(v: string): SemVer | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v);
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined;
}

export function compareSemver(a: SemVer, b: SemVer): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export type BumpLevel = 'major' | 'minor' | 'patch' | 'none';

/** What kind of bump leads from `from` to `to` (`none` when equal or lower). */
export function bumpLevel(from: SemVer, to: SemVer): BumpLevel {
  if (to.major > from.major) return 'major';
  if (to.major < from.major) return 'none';
  if (to.minor > from.minor) return 'minor';
  if (to.minor < from.minor) return 'none';
  return to.patch > from.patch ? 'patch' : 'none';
}

const RANK: Record<BumpLevel, number> = { none: 0, patch: 1, minor: 2, major: 3 };

export function atLeast(have: BumpLevel, need: BumpLevel): boolean {
  return RANK[have] >= RANK[need];
}

export function highest(levels: BumpLevel[]): BumpLevel {
  return levels.reduce<BumpLevel>((a, b) => (RANK[b] > RANK[a] ? b : a), 'none');
}
