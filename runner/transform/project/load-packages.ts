import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../common/errors';
import { isRecord, readYamlFile } from './read-yaml-file';
import { loadProject, type ValueRenderer } from './load-project';
import type { ProjectFiles } from './project-types';

/**
 * The packages a project depends on: `local:` entries from packages.yml / dependencies.yml, plus every
 * vendored package under `dbt_packages/`. Hub and git packages cannot be downloaded here, so they must
 * already be vendored; a missing one is an error that says so.
 */
export function loadPackages(root: ProjectFiles, render: ValueRenderer): ProjectFiles[] {
  const found = new Map<string, ProjectFiles>();
  const visit = (project: ProjectFiles): void => {
    for (const dep of declaredPackages(project, render)) {
      if (found.has(dep.name) || dep.name === root.name) continue;
      found.set(dep.name, dep);
      visit(dep);
    }
  };
  visit(root);
  const vendored = path.join(root.root, root.packagesInstallPath);
  if (fs.existsSync(vendored)) {
    for (const entry of fs
      .readdirSync(vendored, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const dir = path.join(vendored, entry.name);
      if (!fs.existsSync(path.join(dir, 'dbt_project.yml'))) continue;
      const pkg = loadProject(dir, render);
      if (!found.has(pkg.name) && pkg.name !== root.name) {
        found.set(pkg.name, pkg);
        visit(pkg);
      }
    }
  }
  return [...found.values()];
}

function declaredPackages(project: ProjectFiles, render: ValueRenderer): ProjectFiles[] {
  const file = ['packages.yml', 'dependencies.yml']
    .map((f) => path.join(project.root, f))
    .find((f) => fs.existsSync(f));
  if (!file) return [];
  const raw = readYamlFile(file);
  if (!isRecord(raw)) throw new ConfigError('must be a mapping', { where: file });
  const list = raw.packages ?? [];
  if (!Array.isArray(list))
    throw new ConfigError("'packages' must be a list", { where: `${file}: packages` });
  const out: ProjectFiles[] = [];
  list.forEach((entry, i) => {
    const where = `${file}: packages[${i}]`;
    if (!isRecord(entry)) throw new ConfigError('each package must be a mapping', { where });
    if (typeof entry.local === 'string') {
      const dir = path.resolve(project.root, render(entry.local, `${where}.local`));
      if (!fs.existsSync(path.join(dir, 'dbt_project.yml'))) {
        throw new ConfigError(`local package has no dbt_project.yml at ${dir}`, { where: `${where}.local` });
      }
      out.push(loadProject(dir, render));
      return;
    }
    const remote = (entry.package ?? entry.git ?? entry.tarball) as string | undefined;
    if (typeof remote !== 'string') {
      throw new ConfigError('a package needs one of local, package, git or tarball', { where });
    }
    const guess = guessFolder(remote);
    const dir = path.join(project.root, project.packagesInstallPath, guess);
    if (!fs.existsSync(path.join(dir, 'dbt_project.yml'))) {
      throw new ConfigError(
        `package '${remote}' is not installed and cannot be downloaded here (no network access)`,
        {
          where,
          hint: `vendor it: copy the package into ${path.join(project.packagesInstallPath, guess)}/, or use a local: path`,
        },
      );
    }
    // vendored packages are loaded by loadPackages from the install folder
  });
  return out;
}

/** `dbt-labs/dbt_utils` → `dbt_utils`; `https://github.com/org/repo.git` → `repo`. */
function guessFolder(remote: string): string {
  const last =
    remote
      .replace(/\.git$/, '')
      .split(/[/:]/)
      .filter(Boolean)
      .pop() ?? remote;
  return last;
}
