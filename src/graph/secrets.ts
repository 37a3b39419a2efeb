import type { Resource } from '../core/resource.ts';
import type { ResourceStore } from './store.ts';

/** A Secret in the inputs, or an object that creates one when applied (cert-manager, External Secrets, Sealed Secrets). */
export interface SecretSource {
  resource: Resource;
  /** True for the Secret itself; false for an object that produces it (its content is then unknown). */
  literal: boolean;
  /** `data` decoded from base64 merged with `stringData` (as the API server merges them); literal Secrets only. */
  data: Readonly<Record<string, string>>;
}

const PROVIDERS: readonly { kind: string; group: string; name: (r: Resource) => unknown }[] = [
  { kind: 'Certificate', group: 'cert-manager.io', name: (r) => r.object?.spec?.secretName },
  { kind: 'ExternalSecret', group: 'external-secrets.io', name: (r) => r.object?.spec?.target?.name || r.name },
  { kind: 'SealedSecret', group: 'bitnami.com', name: (r) => r.object?.spec?.template?.metadata?.name || r.name },
];

/** Secrets by namespace/name, including those other objects in the inputs will create. */
export class Secrets {
  private readonly byName = new Map<string, SecretSource>();
  /** True when a Secret (or a Secret-producing object) was loaded, so a missing name is `missing`, not `unknown`. */
  readonly loaded: boolean;

  constructor(store: ResourceStore) {
    for (const p of PROVIDERS) {
      for (const r of store.ofKind(p.kind, p.group)) {
        const name = p.name(r);
        if (typeof name === 'string' && name) this.byName.set(`${r.namespace}/${name}`, { resource: r, literal: false, data: {} });
      }
    }
    const secrets = store.ofKind('Secret', '');
    for (const r of secrets) this.byName.set(`${r.namespace}/${r.name}`, { resource: r, literal: true, data: decode(r.object) });
    this.loaded = this.byName.size > 0;
  }

  get(namespace: string, name: string): SecretSource | undefined {
    return this.byName.get(`${namespace}/${name}`);
  }
}

function decode(obj: any): Record<string, string> {
  const out: Record<string, string> = {};
  if (obj?.data && typeof obj.data === 'object') {
    for (const [k, v] of Object.entries(obj.data)) if (typeof v === 'string') out[k] = Buffer.from(v, 'base64').toString('utf8');
  }
  if (obj?.stringData && typeof obj.stringData === 'object') {
    for (const [k, v] of Object.entries(obj.stringData)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}
