import { relative, sep } from 'node:path';
import { Minimatch } from 'minimatch';
import type { Config, Level } from './config.ts';

/** Effective level of a rule for a file: rule default (or off) < config `rules` < matching `overrides` < --rule. */
export class Levels {
  private readonly overrides: { matchers: Minimatch[]; rules: Record<string, Level> }[];
  constructor(
    private readonly config: Config,
    private readonly cli: Readonly<Record<string, Level>>,
    private readonly cwd: string,
    /** Rules that are off unless a level is set for them. */
    private readonly defaultOff: ReadonlySet<string> = new Set(),
  ) {
    this.overrides = config.overrides.map((o) => ({ matchers: o.files.map((g) => new Minimatch(g, { dot: true, matchBase: !g.includes('/') })), rules: o.rules }));
  }

  /** The configured level, or undefined when nothing overrides the rule's own severity. */
  configured(ruleId: string, file?: string): Level | undefined {
    if (this.cli[ruleId]) return this.cli[ruleId];
    let level = this.base(ruleId);
    if (file && this.overrides.length) {
      const rel = this.relativeToConfig(file);
      for (const o of this.overrides) if (o.rules[ruleId] && o.matchers.some((m) => m.match(rel))) level = o.rules[ruleId];
    }
    return level;
  }

  /** False only when the rule is off everywhere (so its check need not run). */
  mayRun(ruleId: string): boolean {
    if (this.cli[ruleId]) return this.cli[ruleId] !== 'off';
    if (this.base(ruleId) !== 'off') return true;
    return this.config.overrides.some((o) => o.rules[ruleId] && o.rules[ruleId] !== 'off');
  }

  private base(ruleId: string): Level | undefined {
    return this.config.rules[ruleId] ?? (this.defaultOff.has(ruleId) ? 'off' : undefined);
  }

  private relativeToConfig(file: string): string {
    const abs = file.startsWith('/') || /^[A-Za-z]:/.test(file) ? file : `${this.cwd}/${file}`;
    const rel = relative(this.config.dir, abs);
    return sep === '/' ? rel : rel.split(sep).join('/');
  }
}
