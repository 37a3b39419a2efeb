import { escapeToken } from '../src/core/index.ts';
import { defineRule } from '../src/engine/index.ts';
import { meshNetworksSources } from '../src/graph/mesh-networks.ts';

const BUILT_IN = ['Kubernetes', 'External', 'Mock'];
const CASE = (registry: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  meshNetworks: |
    networks:
      network1:
        endpoints: [{fromRegistry: ${registry}}]
        gateways: [{address: 203.0.113.10, port: 15443}]
`;

export const meshnetworksUnknownRegistry = defineRule({
  id: 'meshnetworks-unknown-registry',
  severity: 'error',
  category: 'correctness',
  istio: 'IST0126',
  istioAnalyzer: 'meshnetworks.MeshNetworksAnalyzer',
  docs: {
    summary: 'A MeshNetworks network takes endpoints from a registry that is neither built in nor a known cluster.',
    description:
      '`fromRegistry` names where a network\'s endpoints come from: `Kubernetes` (the local cluster), or the cluster name of ' +
      'a remote secret (a Secret labelled `istio/multiCluster: "true"`, one key per cluster). Registry names are case ' +
      'sensitive. With an unknown name no endpoint is placed in that network, so cross-network traffic to it is not routed ' +
      'through its gateway.',
    fix: 'Use `Kubernetes` or the cluster name of a remote secret (the key in its data).',
    bad: CASE('kubernetes'),
    good: CASE('Kubernetes'),
    notes:
      'Remote clusters are the keys of Secrets labelled istio/multiCluster=true; meshlint also reads their `stringData` ' +
      '(the API server moves it into `data`), which istioctl analyze does not. When no such Secret is among the inputs, ' +
      'a name other than the built-in ones may be a remote cluster: it is reported only under --closed-world. The ' +
      'MeshNetworks is read from --mesh-networks, else from `meshNetworks` in the `istio` ConfigMap.',
  },
  check(ctx) {
    const g = ctx.graph;
    const sources = g.facet(meshNetworksSources);
    if (!sources.length) return;
    const known = new Set(BUILT_IN);
    let remoteSecrets = false;
    for (const s of g.resources.ofKind('Secret', '')) {
      if (s.labels['istio/multiCluster'] !== 'true') continue;
      remoteSecrets = true;
      for (const field of ['data', 'stringData']) {
        const m = s.object?.[field];
        if (m && typeof m === 'object') for (const k of Object.keys(m)) known.add(k);
      }
    }
    for (const src of sources) {
      for (const [network, spec] of Object.entries(src.networks)) {
        const endpoints = (spec as any)?.endpoints;
        if (!Array.isArray(endpoints)) continue;
        endpoints.forEach((e: any, i: number) => {
          const registry = e?.fromRegistry;
          if (typeof registry !== 'string' || known.has(registry)) return;
          const builtIn = BUILT_IN.find((b) => b.toLowerCase() === registry.toLowerCase());
          if (!builtIn && !remoteSecrets && !ctx.closedWorld) return;
          ctx.report({
            resource: src.resource,
            pointer: src.at(`/networks/${escapeToken(network)}/endpoints/${i}/fromRegistry`),
            message: `Network "${network}" takes endpoints from registry "${registry}"${builtIn ? ` (did you mean "${builtIn}"?)` : ''}, which is neither built in nor a cluster with a remote secret: no endpoint lands in this network`,
            fix: builtIn ? `Write ${builtIn}.` : 'Use Kubernetes or the cluster name of a remote secret.',
            discriminator: `${network}/${i}`,
          });
        });
      }
    }
  },
});
