import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { makeDiagnostic, fileLocation } from '../core/diagnostic.ts';
import { LineIndex } from '../core/lines.ts';
import type { Diagnostic, SourceFile } from '../core/types.ts';
import { Ignorer, type IgnoreGlob } from './ignore.ts';
import { decode, textBefore } from './decode.ts';

export { Ignorer, type IgnoreGlob } from './ignore.ts';

export const DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024;
const MANIFEST_EXTENSIONS = /\.(ya?ml|json)$/i;

export interface LoadOptions {
  cwd: string;
  /** Globs (minimatch) of files and directories to skip: relative to the cwd, or to their own `base`. */
  ignore?: readonly IgnoreGlob[];
  maxFileSize?: number;
  /** Reads standard input when a path is '-'. */
  readStdin?: () => Buffer;
  stdinFilename?: string;
}

export interface LoadResult {
  files: SourceFile[];
  diagnostics: Diagnostic[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
  /** Files given on the command line that an ignore glob skipped. */
  ignored: string[];
}

/** Reads every manifest under the given paths. Never throws for a bad file: it becomes a diagnostic. */
export function loadSources(paths: readonly string[], opts: LoadOptions): LoadResult {
  const out: LoadResult = { files: [], diagnostics: [], missing: [], ignored: [] };
  const ignorer = new Ignorer(opts.cwd, opts.ignore ?? []);
  const seen = new Set<string>();
  const max = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  for (const p of paths) {
    if (p === '-') {
      const name = opts.stdinFilename ?? '<stdin>';
      readOne(name, name, () => (opts.readStdin ?? (() => readFileSync(0)))(), undefined, max, out);
      continue;
    }
    const abs = resolve(opts.cwd, p);
    let st: Stats;
    try {
      st = statSync(abs);
    } catch {
      out.missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(abs, opts.cwd, ignorer, seen, max, out);
    else if (ignorer.ignores(abs, false)) out.ignored.push(p);
    else addFile(abs, opts.cwd, st, seen, max, out);
  }
  return out;
}

function walk(dir: string, cwd: string, ignorer: Ignorer, seen: Set<string>, max: number, out: LoadResult): void {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return;
  }
  // Symlinked directories are followed once: a loop or a second link to the same tree is not read again.
  if (seen.has(real)) return;
  seen.add(real);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e: any) {
    fileProblem(out, displayPath(dir, cwd), 'unreadable-file', `Cannot read directory: ${e?.code === 'EACCES' ? 'permission denied' : (e?.code ?? String(e))}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const abs = join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    let st: Stats | undefined;
    if (e.isSymbolicLink()) {
      try {
        st = statSync(abs);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch (err: any) {
        // A broken link that looks like a manifest was meant to be read: say so. Others are not our business.
        if (MANIFEST_EXTENSIONS.test(e.name) && !ignorer.ignores(abs, false)) {
          const why = err?.code === 'ELOOP' ? 'it is a symbolic link loop' : err?.code === 'ENOENT' ? 'it is a symbolic link to a missing file' : (err?.code ?? String(err));
          fileProblem(out, displayPath(abs, cwd), 'unreadable-file', `Cannot read file: ${why}`);
        }
        continue;
      }
    }
    if (ignorer.ignores(abs, isDir)) continue;
    if (isDir) walk(abs, cwd, ignorer, seen, max, out);
    // A plain file's real path is its resolved directory's plus its name: no realpath call per file.
    else if (isFile && MANIFEST_EXTENSIONS.test(e.name)) addFile(abs, cwd, st, seen, max, out, st ? undefined : join(real, e.name));
  }
}

function addFile(abs: string, cwd: string, st: Stats | undefined, seen: Set<string>, max: number, out: LoadResult, knownReal?: string): void {
  let real = knownReal ?? abs;
  if (!knownReal) {
    try {
      real = realpathSync(abs);
    } catch {
      /* unreadable: reported when read */
    }
  }
  if (seen.has('file:' + real)) return;
  seen.add('file:' + real);
  const file = openManifest(abs);
  try {
    readOne(displayPath(abs, cwd), abs, file.read, st?.size ?? file.size, max, out);
  } finally {
    file.close();
  }
}

/** Opens a file once for both its size and its bytes: a separate stat by path costs about as much as the read. */
function openManifest(abs: string): { size: number | undefined; read: () => Buffer; close: () => void } {
  let fd: number | undefined;
  let size: number | undefined;
  try {
    fd = openSync(abs, 'r');
    size = fstatSync(fd).size;
  } catch {
    /* read() below throws the same error the plain read would */
  }
  return {
    size,
    read: () => (fd === undefined || !size ? readFileSync(fd ?? abs) : readExactly(fd, size)),
    close: () => {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

function readExactly(fd: number, size: number): Buffer {
  const buf = Buffer.allocUnsafe(size);
  let n = 0;
  while (n < size) {
    const got = readSync(fd, buf, n, size - n, null);
    if (got === 0) break;
    n += got;
  }
  return n < size ? buf.subarray(0, n) : buf;
}

function fileProblem(out: LoadResult, path: string, ruleId: string, message: string, at = { line: 1, column: 1, offset: 0 }): void {
  const loc = fileLocation(path);
  loc.range.start = loc.range.end = at;
  out.diagnostics.push(makeDiagnostic({ ruleId, severity: 'error', message, location: loc }));
}

function readOne(path: string, absPath: string, read: () => Buffer, size: number | undefined, max: number, out: LoadResult): void {
  const problem = (ruleId: string, message: string) => fileProblem(out, path, ruleId, message);
  if (size !== undefined && size > max) {
    problem('file-too-large', `File is ${overLimit(size, max)} (raise it with --max-file-size); not read`);
    return;
  }
  let buf: Buffer;
  try {
    buf = read();
  } catch (e: any) {
    problem('unreadable-file', `Cannot read file: ${e?.code === 'EACCES' ? 'permission denied' : (e?.code ?? String(e))}`);
    return;
  }
  if (buf.length > max) {
    problem('file-too-large', `Input is ${overLimit(buf.length, max)} (raise it with --max-file-size); not read`);
    return;
  }
  const d = decode(buf);
  if (d.kind === 'binary') {
    problem('binary-file', 'Binary file (it contains NUL bytes); not read as YAML');
    return;
  }
  if (d.kind === 'invalid') {
    const prefix = textBefore(buf, d.offset, d.encoding);
    const at = new LineIndex(prefix).position(prefix.length);
    const what = d.encoding === 'UTF-32' ? 'File is UTF-32, which kubectl cannot read' : `File is not valid ${d.encoding} (byte 0x${buf[d.offset].toString(16).padStart(2, '0')} at offset ${d.offset})`;
    fileProblem(out, path, 'invalid-encoding', `${what}; save it as UTF-8`, at);
    return;
  }
  out.files.push({ path, absPath, text: d.text });
}

/** "2.5 MiB over the 1 MiB limit"; in bytes when rounding would make the two look equal. */
function overLimit(size: number, max: number): string {
  const a = formatSize(size);
  const b = formatSize(max);
  const same = a.split(' ')[1] === b.split(' ')[1] && parseFloat(a) === parseFloat(b);
  return same ? `${size} bytes, over the ${max}-byte limit` : `${a}, over the ${b} limit`;
}

function formatSize(n: number): string {
  const [v, unit] = n >= 1024 * 1024 ? [n / 1024 / 1024, 'MiB'] : n >= 1024 ? [n / 1024, 'KiB'] : [n, 'B'];
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${unit}`;
}

/** Paths under the cwd are shown relative to it, with '/' separators on every platform. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  return sep === '/' ? shown : shown.split(sep).join('/');
}
