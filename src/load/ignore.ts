import { relative, sep } from 'node:path';
import { Minimatch } from 'minimatch';

const ALWAYS_IGNORED = new Set(['.git', 'node_modules']);
/** YAML that is never a manifest: meshlint's own configuration, and pre-commit's in a repository that runs the hook. */
const ALWAYS_IGNORED_FILES = new Set(['.meshlint.yaml', '.meshlint.yml', '.pre-commit-config.yaml', '.pre-commit-hooks.yaml']);

/** A glob relative to the cwd, or to `base` (the directory of the configuration file that lists it). */
export type IgnoreGlob = string | { pattern: string; base: string };

/** Decides which paths a directory walk skips: `.git`, `node_modules`, `.meshlint.yaml`, pre-commit's files, and the user's globs. */
export class Ignorer {
  private readonly matchers: { base: string; match: Minimatch[] }[];
  constructor(cwd: string, globs: readonly IgnoreGlob[]) {
    this.matchers = globs.map((g) => {
      const { pattern: raw, base } = typeof g === 'string' ? { pattern: g, base: cwd } : g;
      const pattern = raw.replace(/^\.\//, '').replace(/\/$/, '');
      // As in .gitignore, a pattern without a slash matches a name at any depth, and whatever is below it.
      const bare = !pattern.includes('/');
      const below = bare ? `**/${pattern}/**` : `${pattern}/**`;
      return { base, match: [new Minimatch(pattern, { dot: true, matchBase: bare }), new Minimatch(below, { dot: true })] };
    });
  }

  ignores(abs: string, isDir: boolean): boolean {
    const name = abs.slice(abs.lastIndexOf(sep) + 1);
    if ((isDir ? ALWAYS_IGNORED : ALWAYS_IGNORED_FILES).has(name)) return true;
    let base = '';
    let rel = '';
    for (const m of this.matchers) {
      if (m.base !== base) rel = relativePosix((base = m.base), abs);
      if (m.match.some((mm) => mm.match(rel))) return true;
    }
    return false;
  }
}

function relativePosix(base: string, abs: string): string {
  const rel = relative(base, abs);
  return sep === '/' ? rel : rel.split(sep).join('/');
}
