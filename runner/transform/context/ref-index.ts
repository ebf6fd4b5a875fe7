import type { Manifest, ManifestNode, SourceDefinition } from '../parse/manifest-types';
import { didYouMean } from '../project/suggest-name';
import { CompilationError } from '../compile/compilation-error';

const REFABLE = new Set(['model', 'seed', 'snapshot']);

/** Finds the node a `ref()` names and the source a `source()` names, preferring the caller's package. */
export class RefIndex {
  private readonly byName = new Map<string, ManifestNode[]>();
  private readonly sources = new Map<string, SourceDefinition>();

  constructor(
    manifest: Manifest,
    private readonly rootPackage: string,
  ) {
    for (const n of Object.values(manifest.nodes)) this.addNode(n);
    for (const s of Object.values(manifest.sources)) this.sources.set(`${s.source_name}.${s.name}`, s);
  }

  addNode(n: ManifestNode): void {
    if (!REFABLE.has(n.resource_type)) return;
    const list = this.byName.get(n.name);
    if (list) list.push(n);
    else this.byName.set(n.name, [n]);
  }

  addSource(s: SourceDefinition): void {
    this.sources.set(`${s.source_name}.${s.name}`, s);
  }

  findNode(name: string, packageName: string | null, callerPackage: string): ManifestNode | undefined {
    const list = this.byName.get(name);
    if (!list) return undefined;
    if (packageName) return list.find((n) => n.package_name === packageName);
    return (
      list.find((n) => n.package_name === callerPackage) ??
      list.find((n) => n.package_name === this.rootPackage) ??
      list[0]
    );
  }

  resolveNode(name: string, packageName: string | null, callerPackage: string, where: string): ManifestNode {
    const n = this.findNode(name, packageName, callerPackage);
    if (n) return n;
    const label = packageName ? `'${packageName}.${name}'` : `'${name}'`;
    throw new CompilationError(
      `ref(${label}) names a node that does not exist${didYouMean(name, this.byName.keys())}`,
      {
        where,
      },
    );
  }

  resolveSource(sourceName: string, tableName: string, where: string): SourceDefinition {
    const s = this.sources.get(`${sourceName}.${tableName}`);
    if (s) return s;
    throw new CompilationError(
      `source('${sourceName}', '${tableName}') is not defined${didYouMean(`${sourceName}.${tableName}`, this.sources.keys())}`,
      { where, hint: 'declare it under sources: in a properties YAML file' },
    );
  }
}
