// Parsed policy files are kept between runs: loading the TypeScript parser costs more than the rest of a
// small lint, and pre-commit runs the same policies over and over. An entry is the ESTree program of one
// exact text, under a key of that text and the parser's version; it goes through the same subset check
// and compiler as a fresh parse. MESHLINT_CACHE_DIR moves the cache; MESHLINT_CACHE_DIR=off disables it.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Bumped when the stored shape changes. */
const FORMAT = 1;

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env.MESHLINT_CACHE_DIR;
  if (dir === 'off' || dir === '0') return undefined;
  if (dir) return dir;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'meshlint');
}

let versions: string | undefined;

/** The parser's and TypeScript's versions: both shape the tree. */
function parserVersion(): string {
  if (versions === undefined) {
    try {
      const req = createRequire(import.meta.url);
      const estree = req.resolve('@typescript-eslint/typescript-estree/package.json');
      const ts = createRequire(estree).resolve('typescript/package.json');
      versions = [estree, ts].map((p) => JSON.parse(readFileSync(p, 'utf8')).version).join('+');
    } catch {
      versions = '';
    }
  }
  return versions;
}

function entryPath(dir: string, text: string): string | undefined {
  const version = parserVersion();
  if (!version) return undefined;
  const key = createHash('sha256').update(`${FORMAT}\0${version}\0${text}`).digest('hex');
  return join(dir, 'policy-ast', `${key}.json`);
}

/** The cached program for this text, or undefined (no entry, unreadable, or caching off). */
export function readCachedAst(text: string): unknown {
  const dir = cacheDir();
  const path = dir && entryPath(dir, text);
  if (!path) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Stores a program; a cache that cannot be written is simply not used. */
export function writeCachedAst(text: string, program: unknown): void {
  const dir = cacheDir();
  const path = dir && entryPath(dir, text);
  if (!path) return;
  try {
    mkdirSync(join(dir, 'policy-ast'), { recursive: true, mode: 0o700 });
    // Written aside and renamed: a concurrent run never reads half an entry.
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(program), { mode: 0o600 });
    renameSync(tmp, path);
  } catch {
    // Read-only home, full disk: parse every time.
  }
}
