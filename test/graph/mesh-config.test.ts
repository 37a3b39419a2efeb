import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildGraph, mapSelector } from '../../src/graph/index.ts';
import { main } from '../../src/cli/main.ts';
import { ROOT, lintPaths, parseText } from '../helpers/lint.ts';

const DIR = join(ROOT, 'fixtures/graph/mesh-config');
const fromFile = (name: string) => buildGraph([], { meshConfigFile: join(DIR, name) }).mesh;

const s = suite('graph: MeshConfig');

s('defaults are Istio\'s', () => {
  const m = buildGraph([]).mesh;
  assert.is(m.rootNamespace, 'istio-system');
  assert.is(m.trustDomain, 'cluster.local');
  assert.equal(m.defaultServiceExportTo, ['*']);
  assert.is(m.outboundTrafficPolicyMode, 'ALLOW_ANY');
  assert.is(m.enableAutoMtls, true);
  assert.is(m.ingressService, 'istio-ingressgateway');
  assert.is(m.ingressSelector, 'ingressgateway');
  assert.equal(m.source, { kind: 'defaults' });
  assert.equal(m.explicit.size, 0);
});

s('a plain MeshConfig file is laid over the defaults', () => {
  const m = fromFile('plain.yaml');
  assert.is(m.rootNamespace, 'mesh-root');
  assert.is(m.trustDomain, 'example.org');
  assert.equal(m.trustDomainAliases, ['old.example.org']);
  assert.equal(m.defaultServiceExportTo, ['.']);
  assert.equal(m.defaultVirtualServiceExportTo, ['*']);
  assert.is(m.outboundTrafficPolicyMode, 'REGISTRY_ONLY');
  assert.ok(m.explicit.has('outboundTrafficPolicy'));
  assert.is(m.proxyMetadata.ISTIO_META_DNS_CAPTURE, 'true');
  assert.is(m.raw.defaultConfig.discoveryAddress, 'istiod.istio-system.svc:15012', 'defaultConfig is merged, not replaced');
});

s('the istio ConfigMap and an IstioOperator work as --mesh-config', () => {
  const cm = fromFile('configmap.yaml');
  assert.is(cm.rootNamespace, 'istio-config');
  assert.is(cm.enableAutoMtls, false);
  assert.is(cm.ingressSelector, 'edge-gateway', 'a custom ingressService names the ingress selector');
  assert.is(fromFile('operator.yaml').trustDomain, 'corp.example');
});

s('a mesh config among the inputs is used when no file is given', () => {
  const m = buildGraph(parseText(readFileSync(join(DIR, 'configmap.yaml'), 'utf8')).resources).mesh;
  assert.is(m.rootNamespace, 'istio-config');
  assert.is(m.source.kind, 'configmap');
  const op = buildGraph(parseText(readFileSync(join(DIR, 'operator.yaml'), 'utf8')).resources).mesh;
  assert.equal(op.defaultDestinationRuleExportTo, ['.']);
});

s('--mesh-networks is read as the MeshNetworks document', () => {
  const g = buildGraph([], { meshNetworksFile: join(DIR, 'meshnetworks.yaml') });
  assert.equal(g.meshNetworks?.networks?.network1?.endpoints, [{ fromRegistry: 'Kubernetes' }]);
  assert.is(buildGraph([]).meshNetworks, undefined);
});

s('ingressControllerMode OFF removes the assumed ingress gateway', () => {
  const g = buildGraph([], { meshConfigFile: join(DIR, 'plain.yaml') });
  assert.equal(g.workloads.select(mapSelector({ istio: 'ingressgateway' })), []);
  assert.is(g.services.registry.service('istio-system', 'istio-ingressgateway'), undefined);
});

s('lint resolves --mesh-config against the cwd and reports a bad file as a configuration error', async () => {
  assert.is(lintPaths(['fixtures/demo'], { meshConfigFile: 'fixtures/graph/mesh-config/plain.yaml' }).graph.mesh.rootNamespace, 'mesh-root');
  const err: string[] = [];
  const io = { stdout: { write: () => true }, stderr: { write: (t: string) => err.push(t) }, env: {}, cwd: ROOT };
  assert.is(await main(['fixtures/demo', '--mesh-config', 'fixtures/graph/mesh-config/broken.yaml', '--no-config'], io), 2);
  assert.match(err.join(''), /broken\.yaml: not valid YAML/);
  err.length = 0;
  assert.is(await main(['fixtures/demo', '--mesh-config', 'fixtures/graph/mesh-config/absent.yaml', '--no-config'], io), 2);
  assert.match(err.join(''), /absent\.yaml: file not found/);
});

s.run();
