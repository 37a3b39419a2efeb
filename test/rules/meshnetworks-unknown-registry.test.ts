import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { meshnetworksUnknownRegistry } from '../../rules/meshnetworks-unknown-registry.ts';
import { lint } from '../../src/engine/index.ts';
import { testRule } from '../helpers/rule-tester.ts';
import { removeTree, tempTree } from '../helpers/tmp.ts';

const s = testRule(meshnetworksUnknownRegistry);

function run(files: Record<string, string>, meshNetworks: string) {
  const root = tempTree(files);
  try {
    const { diagnostics } = lint({ cwd: root, paths: ['.'], rules: [meshnetworksUnknownRegistry], meshNetworksFile: join(root, meshNetworks), closedWorld: true });
    return diagnostics.filter((d) => d.ruleId === meshnetworksUnknownRegistry.id).map((d) => `${d.resource?.kind} ${d.resource?.namespace}/${d.resource?.name} ${d.location.range.start.line}:${d.location.range.start.column} ${d.location.pointer ?? ''}`);
  } finally {
    removeTree(root);
  }
}

s('a --mesh-networks file is reported as MeshNetworks istio-system/meshnetworks, at the registry', () => {
  const found = run({ 'mesh/networks.yaml': 'networks:\n  n1:\n    endpoints:\n    - fromRegistry: remote-1\n' }, 'mesh/networks.yaml');
  assert.equal(found, ['MeshNetworks istio-system/meshnetworks 4:21 /networks/n1/endpoints/0/fromRegistry']);
});

s('a flow-style file still yields the finding, at its first line', () => {
  const found = run({ 'mesh/networks.yaml': '{networks: {n1: {endpoints: [{fromRegistry: remote-1}]}}}' }, 'mesh/networks.yaml');
  assert.equal(found, ['MeshNetworks istio-system/meshnetworks 1:1 ']);
});

s('a --mesh-networks file holding the istio ConfigMap is reported on the ConfigMap', () => {
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\ndata:\n  meshNetworks: |\n    networks: {n1: {endpoints: [{fromRegistry: remote-1}]}}\n';
  const found = run({ 'mesh/istio.yaml': cm }, 'mesh/istio.yaml');
  assert.equal(found, ['ConfigMap istio-system/istio 5:17 /data/meshNetworks']);
});

s.run();
