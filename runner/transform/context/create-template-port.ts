/**
 * The TemplatePort over the templating layer's JinjaEngine. The engine is created when the macros are
 * loaded (it needs the root project's name and dispatch config); before that, YAML values render on a
 * bootstrap engine without project macros.
 */
import type { Logger } from '../../common/logger';
import { LearnflowError } from '../../common/errors';
import { JinjaEngine } from '../templating/jinja-engine';
import { CompilationError } from '../compile/compilation-error';
import type { MacroFile, MacroInfo, StaticCalls, TemplatePort } from './template-port';

export function createTemplatePort(logger: Logger): TemplatePort {
  let adapterType: string | undefined;
  // until the project's macros are loaded, YAML values render on a bootstrap engine made on first use
  let current: JinjaEngine | undefined;
  const engineOf = (): JinjaEngine =>
    (current ??= new JinjaEngine({ rootPackage: 'dbt', logger, builtinMacros: false }));
  const sources = new Map<string, string>();

  const located = (e: unknown, file: string): unknown => {
    if (!(e instanceof LearnflowError)) {
      const loc = engineOf().errorLocation(e);
      const msg = e instanceof Error ? e.message : String(e);
      return new CompilationError(msg, {
        where: loc ? `${loc.path ?? file}:${loc.line}:${loc.column}` : file,
        cause: e,
      });
    }
    const loc = engineOf().errorLocation(e);
    if (loc && loc.line !== undefined && !/:\d+(:\d+)?$/.test(e.where ?? '')) {
      (e as { where?: string }).where =
        `${loc.path ?? file}:${loc.line}${loc.column !== undefined ? `:${loc.column}` : ''}`;
    }
    return e;
  };

  return {
    setAdapterType(type) {
      adapterType = type;
    },
    loadMacros(files: MacroFile[], rootPackage, dispatch): MacroInfo[] {
      current = new JinjaEngine({ rootPackage, logger, builtinMacros: false, adapterType, dispatch });
      const engine = current;
      const out: MacroInfo[] = [];
      for (const f of files) {
        sources.set(`${f.packageName}:${f.path}`, f.source);
        for (const m of engine.addMacroFile({ path: f.path, source: f.source, packageName: f.packageName })) {
          const test = m.name.startsWith('test_');
          const mat = m.name.startsWith('materialization_');
          out.push({
            name: test ? m.name.slice(5) : mat ? m.name.slice('materialization_'.length) : m.name,
            packageName: m.packageName,
            path: m.path,
            kind: test ? 'test' : mat ? 'materialization' : 'macro',
            source: macroSource(f.source, m.line),
          });
        }
      }
      return out;
    },
    render(source, context, opts) {
      try {
        return engineOf().render(source, context, { path: opts.file, packageName: opts.packageName });
      } catch (e) {
        throw located(e, opts.file);
      }
    },
    callMacro(name, kwargs, context, opts) {
      try {
        return engineOf().callMacro(name, { kwargs }, context, { packageName: opts.packageName });
      } catch (e) {
        throw located(e, name);
      }
    },
    hasMacro(name, packageName) {
      return engineOf().findMacro(name, packageName) !== undefined;
    },
    macroPackage(name) {
      return engineOf().findMacro(name)?.packageName;
    },
    staticCalls(source): StaticCalls | undefined {
      const calls = engineOf().staticCalls(source);
      if (!calls) return undefined;
      const refs: StaticCalls['refs'] = [];
      for (const r of calls.refs)
        refs.push({ name: r.name, package: r.package ?? null, version: r.version ?? null });
      const found: [string, string][] = [];
      for (const x of calls.sources) found.push([x.source, x.table]);
      let hasConfig = false;
      for (const _ in calls.config) {
        hasConfig = true;
        break;
      }
      return { refs, sources: found, configs: hasConfig ? [calls.config] : [] };
    },
  };
}

/** The text of one macro, from its opening tag (for the manifest's macro_sql). */
function macroSource(file: string, line: number): string {
  const lines = file.split('\n');
  const rest = lines.slice(Math.max(0, line - 1)).join('\n');
  const end = rest.search(/\{%-?\s*end(macro|test|materialization)\s*-?%\}/);
  if (end < 0) return rest;
  const close = rest.indexOf('%}', end);
  return rest.slice(0, close + 2);
}
