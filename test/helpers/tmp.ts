import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A file's content, or a symbolic link to `target` (relative to the link's directory). */
export type Entry = string | Buffer | { symlink: string };

/**
 * Writes a tree of files into a fresh temporary directory and returns its path. Used for what a checked-in
 * fixture cannot hold: symbolic links, `.git` directories, unreadable or huge files.
 */
export function tempTree(files: Record<string, Entry>): string {
  const root = mkdtempSync(join(tmpdir(), 'meshlint-test-'));
  addFiles(root, files);
  return root;
}

export function addFiles(root: string, files: Record<string, Entry>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof content === 'object' && !Buffer.isBuffer(content)) symlinkSync(content.symlink, abs);
    else writeFileSync(abs, content);
  }
}

export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** A small valid manifest named `name`. */
export function configMap(name: string, namespace?: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}data:\n  key: value\n`;
}
