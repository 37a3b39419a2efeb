import { relative, sep } from 'node:path';
import { Minimatch } from 'minimatch';

const ALWAYS_IGNORED = new Set(['.git', 'node_modules']);

/** Decides which paths a directory walk skips: `.git`, `node_modules`, and the user's globs. */
export class Ignorer {
  private readonly matchers: Minimatch[];
  constructor(private readonly cwd: string, patterns: readonly string[]) {
    this.matchers = patterns.flatMap((p) => {
      const pattern = p.replace(/^\.\//, '').replace(/\/$/, '');
      // A pattern without a slash matches a name at any depth, as in .gitignore.
      const opts = { dot: true, matchBase: !pattern.includes('/') };
      return [new Minimatch(pattern, opts), new Minimatch(pattern + '/**', opts)];
    });
  }

  ignores(abs: string, isDir: boolean): boolean {
    const base = abs.slice(abs.lastIndexOf(sep) + 1);
    if (isDir && ALWAYS_IGNORED.has(base)) return true;
    if (!this.matchers.length) return false;
    let rel = relative(this.cwd, abs);
    if (sep !== '/') rel = rel.split(sep).join('/');
    return this.matchers.some((m) => m.match(rel));
  }
}
