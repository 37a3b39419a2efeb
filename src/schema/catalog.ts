import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What schemas/catalog.json says about one `apiVersion kind`. */
export interface KindEntry {
  /** Validator module under schemas/validators (absent: known kind, not validated). */
  m?: string;
  /** Gateway API: the experimental channel's module when it differs from the standard one. */
  experimental?: string;
  /** Gateway API: 'experimental' when only that channel serves the version. */
  channel?: string;
  scope: 'Namespaced' | 'Cluster';
  src: 'istio' | 'gateway-api' | 'kubernetes';
  /** The apiVersion to use instead, when this one is deprecated. */
  deprecated?: string;
  /** No longer served; the apiVersion to use instead when there is one. */
  removed?: string | true;
}

export interface Catalog {
  sources: Record<string, string>;
  /** Every API group meshlint knows ('' = core). */
  groups: string[];
  /** Keyed by `apiVersion kind`. */
  kinds: Record<string, KindEntry>;
}

export interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, any>;
}

export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}

/** A CEL skeleton node: rules here (`v`), struct fields (`p`), list items (`i`), map values (`a`). */
export interface CelNode {
  v?: number[];
  p?: Record<string, CelNode>;
  i?: CelNode;
  a?: CelNode;
  /** This node is a map (its keys are data, not field names). */
  m?: 1;
  /** Field names that CEL sees escaped (`namespace` → `__namespace__`). */
  e?: string[];
  /** Defaults the API server fills in before validation. */
  d?: Record<string, unknown>;
}

export interface CelRuleSpec {
  rule: string;
  message: string;
  messageExpression?: string;
  fieldPath?: string;
  optionalOldSelf?: boolean;
}

export interface ValidatorModule {
  validate: ValidateFunction;
  cel?: CelNode;
  rules?: CelRuleSpec[];
}

let root: string | null | undefined;

/** The package's schemas/ folder: beside dist/ in the bundle, two levels up from src/schema in development. */
export function schemasDir(): string | undefined {
  if (root === undefined) {
    root = null;
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 4 && root === null; i++, dir = dirname(dir)) {
      if (existsSync(join(dir, 'schemas', 'catalog.json'))) root = join(dir, 'schemas');
    }
  }
  return root ?? undefined;
}

let catalog: Catalog | undefined;

export function loadCatalog(): Catalog {
  if (!catalog) {
    const dir = schemasDir();
    catalog = dir ? (JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8')) as Catalog) : { sources: {}, groups: [], kinds: {} };
  }
  return catalog;
}

const modules = new Map<string, ValidatorModule | null>();
const requireHere = createRequire(import.meta.url);

/** Loads a generated validator on first use: only kinds present in the input cost anything. */
export function loadValidator(name: string): ValidatorModule | undefined {
  let m = modules.get(name);
  if (m === undefined) {
    const dir = schemasDir();
    m = dir ? (requireHere(join(dir, 'validators', `${name}.cjs`)) as ValidatorModule) : null;
    modules.set(name, m);
  }
  return m ?? undefined;
}

/** Names of the validator modules loaded so far (tests check that only the kinds present are loaded). */
export function loadedValidators(): string[] {
  return [...modules.keys()].sort();
}
