#!/usr/bin/env node
// Generates schemas/catalog.json and schemas/validators/*.cjs from the upstream schema data
// (default ../shared/data, or --data DIR), then src/policy/resources.d.ts from them (schemas/types.mjs).
// `--check` compares instead of writing and exits 1 on a difference.
//   npm run schemas            regenerate
//   npm run schemas -- --check verify the committed output is what the data produces
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileModule } from './gen/compile.mjs';
import { CRD } from './gen/crd.mjs';
import { shapeOf } from './gen/shapes.mjs';
import { objectMetaDefs, readGatewayApi, readIstio, readKubernetes, reachable, sourceVersions } from './gen/sources.mjs';
import { Transformer } from './gen/transform.mjs';
import { resourceTypes, TYPES_FILE } from './types.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const OBJECT_META_REF = '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

// API groups Kubernetes serves whose kinds meshlint knows by name but does not validate.
const KNOWN_UNVALIDATED = {
  v1: ['Binding', 'ComponentStatus', 'Event', 'List'],
  'autoscaling/v1': ['HorizontalPodAutoscaler'],
  'apiextensions.k8s.io/v1': [],
  'apiregistration.k8s.io/v1': ['APIService'],
  'certificates.k8s.io/v1': ['CertificateSigningRequest'],
  'coordination.k8s.io/v1': ['Lease'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
  'events.k8s.io/v1': ['Event'],
  'flowcontrol.apiserver.k8s.io/v1': ['FlowSchema', 'PriorityLevelConfiguration'],
  'node.k8s.io/v1': ['RuntimeClass'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'storage.k8s.io/v1': ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment', 'VolumeAttributesClass'],
  'resource.k8s.io/v1': ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'],
  'install.istio.io/v1alpha1': ['IstioOperator'],
};

export function generate(dataDir) {
  const files = new Map();
  const kinds = {};
  const meta = objectMetaDefs(dataDir);
  const modules = new Map(); // content → module name, so identical versions share one file
  const dropped = [];
  const shapes = { kinds: {}, definitions: {} }; // → resources.schema.json

  const emit = (name, root, defs, cel, rules) => {
    const code = compileModule(root, defs, cel ? { cel, rules } : {});
    const body = code.slice(code.indexOf('\n') + 1);
    const existing = modules.get(body);
    if (existing) return existing;
    modules.set(body, name);
    files.set(`validators/${name}.cjs`, code);
    return name;
  };

  const metaDefs = () => {
    const t = new Transformer();
    return Object.fromEntries(Object.entries(meta.defs).map(([n, s]) => [n, t.convert(s, n).schema]));
  };
  const crdModule = (prefix, crd, version) => {
    const raw = structuredClone(version.schema?.openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
    if (raw.properties) Object.assign(raw.properties, { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { $ref: OBJECT_META_REF } });
    const t = new Transformer({ crd: true });
    const { schema, cel } = t.convert(raw, '');
    dropped.push(...t.dropped.map((d) => `${crd.spec.names.kind} ${version.name}${d}`));
    const m = emit(`${prefix}.${crd.spec.names.kind}.${version.name}`, schema, metaDefs(), cel, t.rules);
    shapes.definitions[m] ??= shapeOf(raw, { crd: true, root: true });
    return m;
  };
  const scopeOf = (crd) => (crd.spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced');

  for (const crd of readIstio(dataDir)) {
    const g = crd.spec.group;
    const hasV1 = crd.spec.versions.some((v) => v.name === 'v1' && v.served);
    for (const v of crd.spec.versions) {
      const e = { m: crdModule(`istio.${g.split('.')[0]}`, crd, v), scope: scopeOf(crd), src: 'istio' };
      if (!v.served) e.removed = true;
      else if (hasV1 && v.name !== 'v1') e.deprecated = `${g}/v1`;
      kinds[`${g}/${v.name} ${crd.spec.names.kind}`] = sorted(e);
      if (e.m && !e.removed) shapes.kinds[`${g}/${v.name} ${crd.spec.names.kind}`] = e.m;
    }
  }

  const gw = readGatewayApi(dataDir);
  const std = new Map(gw.standard.map((c) => [c.metadata.name, c]));
  for (const crd of gw.experimental) {
    const g = crd.spec.group;
    const stdCrd = std.get(crd.metadata.name);
    const storage = crd.spec.versions.find((v) => v.storage)?.name;
    for (const v of crd.spec.versions) {
      const sv = stdCrd?.spec.versions.find((x) => x.name === v.name);
      const e = { scope: scopeOf(crd), src: 'gateway-api' };
      const exp = v.served ? crdModule(`gateway.${g.split('.')[2] === 'x-k8s' ? 'x' : 'k8s'}`, crd, v) : undefined;
      if (sv?.served) {
        e.m = crdModule('gateway.standard', stdCrd, sv);
        if (exp && exp !== e.m) e.experimental = exp;
      } else if (exp) {
        e.m = exp;
        e.channel = 'experimental';
      }
      if (!v.served && !sv?.served) e.removed = `${g}/${storage}`;
      else if (v.deprecated || sv?.deprecated) e.deprecated = `${g}/${storage}`;
      kinds[`${g}/${v.name} ${crd.spec.names.kind}`] = sorted(e);
      // Types follow the experimental channel: a superset of the standard one.
      if (e.m && !e.removed) shapes.kinds[`${g}/${v.name} ${crd.spec.names.kind}`] = e.experimental ?? e.m;
    }
  }

  for (const doc of readKubernetes(dataDir)) {
    for (const k of doc.kinds) {
      const apiVersion = k.group ? `${k.group}/${k.version}` : k.version;
      const e = { scope: CLUSTER_KINDS.has(k.kind) ? 'Cluster' : 'Namespaced', src: 'kubernetes' };
      if (k.validated) {
        const t = new Transformer();
        const defs = Object.fromEntries(reachable(doc.schemas, [k.def]).filter((n) => n !== k.def).map((n) => [n, t.convert(doc.schemas[n], n).schema]));
        Object.assign(defs, metaDefs());
        e.m = emit(`k8s.${k.group || 'core'}.${k.version}.${k.kind}`, t.convert(doc.schemas[k.def], '').schema, defs);
        dropped.push(...t.dropped);
        for (const n of reachable(doc.schemas, [k.def])) shapes.definitions[n] ??= shapeOf(doc.schemas[n], { root: n === k.def });
        shapes.kinds[`${apiVersion} ${k.kind}`] = k.def;
      }
      kinds[`${apiVersion} ${k.kind}`] = sorted(e);
    }
  }
  {
    const t = new Transformer();
    kinds['apiextensions.k8s.io/v1 CustomResourceDefinition'] = { m: emit('k8s.apiextensions.k8s.io.v1.CustomResourceDefinition', t.convert(CRD).schema, metaDefs()), scope: 'Cluster', src: 'kubernetes' };
    shapes.definitions['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition'] = shapeOf(CRD, { root: true });
    shapes.kinds['apiextensions.k8s.io/v1 CustomResourceDefinition'] = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition';
  }
  for (const [n, s] of Object.entries(meta.defs)) shapes.definitions[n] ??= shapeOf(s);
  for (const [apiVersion, list] of Object.entries(KNOWN_UNVALIDATED)) {
    for (const kind of list) kinds[`${apiVersion} ${kind}`] ??= { scope: CLUSTER_KINDS.has(kind) ? 'Cluster' : 'Namespaced', src: 'kubernetes' };
  }
  const groups = [...new Set([...Object.keys(kinds).map((k) => k.split(' ')[0]), ...Object.keys(KNOWN_UNVALIDATED)].map(groupOf))].sort();
  const catalog = { sources: sourceVersions(dataDir), groups, kinds: Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => (a < b ? -1 : 1))) };
  files.set('catalog.json', JSON.stringify(catalog, null, 1) + '\n');
  files.set('resources.schema.json', shapesFile(shapes));
  return { files, dropped };
}

const CLUSTER_KINDS = new Set(['Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'IngressClass', 'ComponentStatus', 'APIService', 'CertificateSigningRequest', 'FlowSchema', 'PriorityLevelConfiguration', 'RuntimeClass', 'PriorityClass', 'CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment', 'VolumeAttributesClass', 'DeviceClass', 'ResourceSlice', 'IPAddress', 'ServiceCIDR']);

/** One JSON Schema document: `definitions` holds every kind's schema and what it refers to; `kinds` names each kind's definition. */
function shapesFile({ kinds, definitions }) {
  const byName = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
  const used = new Set(reachable(definitions, Object.values(kinds), '#/definitions/'));
  const doc = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: 'Generated by schemas/generate.mjs from the upstream schemas listed in schemas/README.md. Do not edit.',
    kinds: byName(kinds),
    definitions: byName(Object.fromEntries(Object.entries(definitions).filter(([n]) => used.has(n)))),
  };
  return JSON.stringify(doc, null, 1) + '\n';
}

function groupOf(apiVersion) {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

function sorted(o) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The files generate() would write, compared with what is on disk: [] when up to date. */
export function differences(dataDir, outDir = HERE) {
  const { files } = generate(dataDir);
  const diff = [];
  for (const [rel, text] of files) {
    const p = join(outDir, rel);
    if (!existsSync(p)) diff.push(`missing ${rel}`);
    else if (readFileSync(p, 'utf8') !== text) diff.push(`differs ${rel}`);
  }
  const dir = join(outDir, 'validators');
  if (existsSync(dir)) for (const f of readdirSync(dir)) if (!files.has(`validators/${f}`)) diff.push(`stale validators/${f}`);
  if (outDir === HERE && (!existsSync(TYPES_FILE) || readFileSync(TYPES_FILE, 'utf8') !== resourceTypes(files.get('resources.schema.json'), files.get('catalog.json')))) diff.push('differs src/policy/resources.d.ts');
  return diff;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--data');
  const dataDir = resolve(at >= 0 ? args[at + 1] : join(HERE, '../../shared/data'));
  if (args.includes('--check')) {
    const diff = differences(dataDir);
    for (const d of diff) console.log(d);
    console.log(diff.length ? `schemas: ${diff.length} file(s) out of date; run npm run schemas` : 'schemas: up to date');
    process.exit(diff.length ? 1 : 0);
  }
  const { files, dropped } = generate(dataDir);
  rmSync(join(HERE, 'validators'), { recursive: true, force: true });
  mkdirSync(join(HERE, 'validators'), { recursive: true });
  let bytes = 0;
  for (const [rel, text] of files) {
    writeFileSync(join(HERE, rel), text);
    bytes += Buffer.byteLength(text);
  }
  for (const d of dropped) console.log(`not checked: ${d}`);
  console.log(`schemas: wrote ${files.size} files, ${(bytes / 1024).toFixed(0)} KiB`);
  // The policy resource types follow the schemas they are generated from.
  writeFileSync(TYPES_FILE, resourceTypes());
  console.log('schemas: wrote src/policy/resources.d.ts');
}
