// Custom resources whose CustomResourceDefinition is among the inputs are checked against it, as the API
// server would check them: structure, unknown fields and CEL rules of the served version's openAPIV3Schema.
// The compiler (crd-compiler.ts, with ajv) loads only when such a resource is met.
import { createRequire } from 'node:module';
import type { Resource } from '../core/resource.ts';
import type { ValidatorModule } from './catalog.ts';

type Compile = (openAPIV3Schema: unknown) => ValidatorModule;

export interface InputCrd {
  resource: Resource;
  group: string;
  kind: string;
  versions: any[];
}

/** The CustomResourceDefinitions among the inputs that name a group, a kind and a list of versions. */
export function inputCrds(resources: readonly Resource[]): InputCrd[] {
  const out: InputCrd[] = [];
  for (const r of resources) {
    if (r.kind !== 'CustomResourceDefinition') continue;
    const s = r.object?.spec;
    if (typeof s?.group === 'string' && typeof s?.names?.kind === 'string' && Array.isArray(s.versions)) out.push({ resource: r, group: s.group, kind: s.names.kind, versions: s.versions });
  }
  return out;
}

let compile: Compile | null | undefined;

/** The bundle's dist/crd-compiler.cjs, or the TypeScript source when running from the sources. */
function compiler(): Compile | undefined {
  if (compile === undefined) {
    const req = createRequire(import.meta.url);
    try {
      compile = (req(import.meta.url.endsWith('.ts') ? './crd-compiler.ts' : './crd-compiler.cjs') as { compileCrdSchema: Compile }).compileCrdSchema;
    } catch {
      // An install without the compiler: custom resources go unchecked, as before it existed.
      compile = null;
    }
  }
  return compile ?? undefined;
}

/** Schemas of the served versions of the CRDs among the inputs, compiled on first use. */
export class CustomKinds {
  private readonly schemas = new Map<string, unknown>();
  private readonly validators = new Map<string, ValidatorModule | null>();

  constructor(crds: readonly InputCrd[]) {
    for (const crd of crds) {
      if (crd.resource.group !== 'apiextensions.k8s.io') continue;
      for (const v of crd.versions) {
        const schema = v?.schema?.openAPIV3Schema;
        if (typeof v?.name === 'string' && v.served !== false && schema && typeof schema === 'object') this.schemas.set(`${crd.group}/${v.name} ${crd.kind}`, schema);
      }
    }
  }

  /** The validator for a resource of a kind an input CRD defines; undefined for any other. */
  validator(r: Resource): ValidatorModule | undefined {
    if (!this.schemas.size) return undefined;
    const key = `${r.apiVersion} ${r.kind}`;
    let v = this.validators.get(key);
    if (v === undefined) {
      const schema = this.schemas.get(key);
      const c = schema ? compiler() : undefined;
      v = null;
      if (c) {
        try {
          v = c(schema);
        } catch {
          // A schema ajv cannot compile (a broken CRD gets its own findings): its resources go unchecked.
        }
      }
      this.validators.set(key, v);
    }
    return v ?? undefined;
  }
}
