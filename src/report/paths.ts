import { posix, win32 } from 'node:path';

const DRIVE = /^[a-z]:[\\/]/i;

/** The path flavour of the machine that produced `cwd`, so Windows paths resolve the same on any host. */
function flavour(cwd: string, file: string) {
  return DRIVE.test(cwd) || DRIVE.test(file) ? win32 : posix;
}

/** True for pseudo files such as `<stdin>`, which have no place on disk. */
export function isPseudoFile(file: string): boolean {
  return file.startsWith('<');
}

/** Absolute path of a displayed file path (relative paths are taken from `cwd`). */
export function absolutePath(file: string, cwd: string): string {
  if (isPseudoFile(file)) return file;
  const p = flavour(cwd, file);
  return p.isAbsolute(file) ? p.normalize(file) : p.resolve(cwd, file);
}

/** POSIX path of `file` relative to `base`, or undefined when the file lies outside `base`. */
export function relativeTo(file: string, cwd: string, base: string): string | undefined {
  if (isPseudoFile(file)) return undefined;
  const p = flavour(cwd, file);
  const rel = p.relative(p.resolve(base), absolutePath(file, cwd));
  if (!rel || rel === '..' || rel.startsWith('..' + p.sep) || p.isAbsolute(rel)) return undefined;
  return rel.split(p.sep).join('/');
}

// encodeURIComponent escapes these too, but a URI path may hold them as they are (RFC 3986 pchar).
const PCHAR = /%(24|26|2B|2C|3B|3D|40|3A)/gi;

function encodeSegment(s: string, allowColon: boolean): string {
  // ':' stays escaped in relative references, where a first segment like `a:b` would read as a scheme.
  return encodeURIComponent(s).replace(PCHAR, (m, hex: string) => (hex === '3A' || hex === '3a') && !allowColon ? m : decodeURIComponent(m));
}

/** A relative URI reference for a POSIX relative path. */
export function relativeUri(rel: string): string {
  return rel.split('/').map((s) => encodeSegment(s, false)).join('/');
}

/** A `file://` URI for an absolute path (POSIX or Windows). */
export function fileUri(abs: string, directory = false): string {
  const slashed = abs.replace(/\\/g, '/');
  const path = (slashed.startsWith('/') ? slashed : '/' + slashed).split('/').map((s) => encodeSegment(s, true)).join('/');
  return 'file://' + (directory && !path.endsWith('/') ? path + '/' : path);
}
