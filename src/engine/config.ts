import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { load } from 'js-yaml';
import type { Severity } from '../core/types.ts';
import { closestName } from '../schema/suggest.ts';

export type Level = Severity | 'off';
export const LEVELS: readonly Level[] = ['off', 'info', 'warning', 'error'];
export const CONFIG_NAMES = ['.meshlint.yaml', '.meshlint.yml'];

export interface Override {
  files: string[];
  rules: Record<string, Level>;
}

export interface Config {
  /** The file it came from, or undefined for the empty default. */
  file?: string;
  /** Directory that relative globs and paths in the file are relative to. */
  dir: string;
  rules: Record<string, Level>;
  ignore: string[];
  overrides: Override[];
  /** Globs of `*.policy.ts` files. */
  policies: string[];
  /** Limits of the policy sandbox (`policyLimits: { steps, timeoutSeconds }`). */
  policyLimits?: { steps?: number; timeoutMs?: number };
  /** Path of a MeshConfig file (plain MeshConfig or the istio ConfigMap). */
  meshConfig?: string;
  /** `RULE=Kind ns/name` suppressions, as with --suppress. */
  suppress: string[];
}

/** A configuration problem: the run stops with exit code 2. */
export class ConfigError extends Error {}

export function emptyConfig(dir: string): Config {
  return { dir, rules: {}, ignore: [], overrides: [], policies: [], suppress: [] };
}

/** Finds `.meshlint.yaml` from `cwd` upwards, stopping at the git root (or the file-system root). */
export function findConfig(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const n of CONFIG_NAMES) {
      const p = join(dir, n);
      if (existsSync(p)) return p;
    }
    if (existsSync(join(dir, '.git'))) return undefined;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function loadConfig(file: string, knownRules: ReadonlySet<string>): Config {
  let raw: unknown;
  try {
    raw = load(readFileSync(file, 'utf8'));
  } catch (e: any) {
    throw new ConfigError(`${file}: ${e?.code === 'ENOENT' ? 'file not found' : `cannot read configuration: ${e?.reason ?? e?.message ?? e}`}`);
  }
  return parseConfig(raw ?? {}, file, knownRules);
}

const KEYS: Record<string, (v: unknown, at: string, cfg: Config, known: ReadonlySet<string>) => void> = {
  rules: (v, at, cfg, known) => {
    cfg.rules = parseRules(v, at, known);
  },
  ignore: (v, at, cfg) => {
    cfg.ignore = stringList(v, at);
  },
  policies: (v, at, cfg) => {
    cfg.policies = stringList(v, at);
  },
  policyLimits: (v, at, cfg) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ConfigError(`${at}: expected { steps, timeoutSeconds }`);
    const limits: { steps?: number; timeoutMs?: number } = {};
    for (const [k, n] of Object.entries(v)) {
      if (typeof n !== 'number' || !(n > 0)) throw new ConfigError(`${at}.${k}: expected a positive number`);
      if (k === 'steps') limits.steps = Math.floor(n);
      else if (k === 'timeoutSeconds') limits.timeoutMs = n * 1000;
      else throw new ConfigError(`${at}: unknown key "${k}" (expected steps, timeoutSeconds)`);
    }
    cfg.policyLimits = limits;
  },
  suppress: (v, at, cfg, known) => {
    cfg.suppress = stringList(v, at);
    cfg.suppress.forEach((entry, i) => {
      const problem = checkSuppress(entry, known);
      if (problem) throw new ConfigError(`${at}[${i}]: ${problem}`);
    });
  },
  meshConfig: (v, at, cfg) => {
    if (typeof v !== 'string') throw new ConfigError(`${at}: expected a file path`);
    cfg.meshConfig = v;
  },
  overrides: (v, at, cfg, known) => {
    if (!Array.isArray(v)) throw new ConfigError(`${at}: expected a list of { files, rules }`);
    cfg.overrides = v.map((o, i) => {
      const here = `${at}[${i}]`;
      if (!o || typeof o !== 'object' || Array.isArray(o)) throw new ConfigError(`${here}: expected { files, rules }`);
      for (const k of Object.keys(o)) if (k !== 'files' && k !== 'rules') throw new ConfigError(`${here}: unknown key "${k}" (expected files, rules)`);
      return { files: stringList((o as any).files, `${here}.files`), rules: parseRules((o as any).rules ?? {}, `${here}.rules`, known) };
    });
  },
};

export function parseConfig(raw: unknown, file: string, knownRules: ReadonlySet<string>): Config {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${file}: expected a mapping at the top level`);
  const cfg = emptyConfig(dirname(file));
  cfg.file = file;
  for (const [k, v] of Object.entries(raw)) {
    const handler = KEYS[k];
    if (!handler) throw new ConfigError(`${file}: unknown key "${k}" (known keys: ${Object.keys(KEYS).join(', ')})`);
    handler(v, `${file}: ${k}`, cfg, knownRules);
  }
  return cfg;
}

function parseRules(v: unknown, at: string, known: ReadonlySet<string>): Record<string, Level> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ConfigError(`${at}: expected a mapping of rule id to ${LEVELS.join('|')}`);
  const out: Record<string, Level> = {};
  for (const [id, level] of Object.entries(v)) {
    if (!known.has(id)) throw new ConfigError(`${at}: unknown rule "${id}"${suggest(id, known)}`);
    out[id] = parseLevel(level, `${at}.${id}`);
  }
  return out;
}

export function parseLevel(v: unknown, at: string): Level {
  const s = typeof v === 'boolean' ? (v ? 'error' : 'off') : String(v).toLowerCase();
  if (!(LEVELS as readonly string[]).includes(s)) throw new ConfigError(`${at}: "${String(v)}" is not a level (expected ${LEVELS.join('|')})`);
  return s as Level;
}

function stringList(v: unknown, at: string): string[] {
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new ConfigError(`${at}: expected a list of strings`);
  return v as string[];
}

/** What is wrong with a `RULE=Kind ns/name` suppression, or undefined. IST/KIA codes of checks meshlint lacks are fine. */
export function checkSuppress(entry: string, known: ReadonlySet<string>): string | undefined {
  const eq = entry.indexOf('=');
  if (eq <= 0 || !entry.slice(eq + 1).trim()) return `"${entry}" is not RULE=Kind namespace/name (e.g. "IST0102=Namespace *")`;
  const id = entry.slice(0, eq).trim();
  if (id.includes('*') || known.has(id) || /^(IST|KIA)\d{4}$/.test(id)) return undefined;
  return `unknown rule "${id}" in "${entry}"${suggest(id, known)}`;
}

/** ", did you mean …?" for the closest known id, when one is close. */
export function suggest(id: string, known: Iterable<string>): string {
  const best = closestName(id, known);
  return best ? `; did you mean "${best}"?` : '';
}
