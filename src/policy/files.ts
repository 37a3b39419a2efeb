// Finding *.policy.ts files: `--policy FILE|DIR` (relative to the cwd) and `.meshlint.yaml`
// `policies: [globs]` (relative to the configuration file).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Minimatch } from 'minimatch';
import type { PolicySource } from './host.ts';

export const POLICY_SUFFIX = '.policy.ts';
const SKIP_DIRS = new Set(['node_modules', '.git']);

/** A missing policy file or a glob that matches nothing: the run stops (exit 2). */
export class PolicyFileError extends Error {}

export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  const p = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  return sep === '/' ? p : p.split(sep).join('/');
}

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(p, out);
    } else if (e.name.endsWith(POLICY_SUFFIX)) out.push(p);
  }
}

/** Policy files under a directory, sorted. */
export function policyFilesIn(dir: string): string[] {
  const out: string[] = [];
  walk(dir, out);
  return out;
}

/** The directory part of a glob before its first wildcard: the only tree worth walking. */
function globBase(glob: string): string {
  const parts = glob.split('/');
  const i = parts.findIndex((p) => /[*?[\]{}!]/.test(p));
  return (i < 0 ? parts.slice(0, -1) : parts.slice(0, i)).join('/') || '.';
}

/** Absolute paths of the policy files named on the command line and by configuration globs, without duplicates. */
export function findPolicyFiles(cwd: string, cliPaths: readonly string[], configGlobs: readonly string[], configDir: string): string[] {
  const found: string[] = [];
  for (const p of cliPaths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new PolicyFileError(`--policy ${p}: no such file or directory`);
    }
    if (st.isDirectory()) found.push(...policyFilesIn(abs));
    else found.push(abs);
  }
  for (const g of configGlobs) {
    const base = resolve(configDir, globBase(g));
    const m = new Minimatch(g.replace(/^\.\//, ''), { dot: false });
    const hits = policyFilesIn(base).filter((f) => m.match(relative(configDir, f).split(sep).join('/')) || resolve(configDir, g) === f);
    if (!hits.length) throw new PolicyFileError(`policies: "${g}" matches no *${POLICY_SUFFIX} file (relative to ${displayPath(configDir, cwd) || '.'})`);
    found.push(...hits);
  }
  return [...new Set(found)];
}

export function readPolicySources(files: readonly string[], cwd: string): PolicySource[] {
  return files.map((abs) => {
    try {
      return { file: displayPath(abs, cwd), text: readFileSync(abs, 'utf8') };
    } catch (e: any) {
      throw new PolicyFileError(`${displayPath(abs, cwd)}: cannot read the policy file (${e?.code ?? e?.message ?? e})`);
    }
  });
}
