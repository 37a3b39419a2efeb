import { defineRule } from '../src/engine/index.ts';
import { security, type PeerAuthInfo } from '../src/graph/security/index.ts';

const PA = (name: string, mode: string) => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: ${name}, namespace: shop}
spec: {mtls: {mode: ${mode}}}
`;

export const peerauthenticationMultipleDefaults = defineRule({
  id: 'peerauthentication-multiple-defaults',
  severity: 'error',
  category: 'security',
  kiali: 'KIA0002',
  docs: {
    summary: 'A namespace has more than one PeerAuthentication without selector.',
    description:
      'A PeerAuthentication without selector sets the mTLS mode of its whole namespace (of the whole mesh in the root ' +
      'namespace). istiod applies only the oldest of several, so the mode written in the others is silently ignored and ' +
      'which one wins can change when a policy is re-created.',
    fix: 'Keep one namespace-wide PeerAuthentication (named `default` by convention) and delete or merge the others.',
    bad: `${PA('default', 'STRICT')}---\n${PA('migration', 'PERMISSIVE')}`,
    good: PA('default', 'STRICT'),
    notes: 'Objects in files seldom carry creation times; meshlint then takes the first by name as the one that applies.',
  },
  check(ctx) {
    const pas = ctx.graph.facet(security).peerAuthentications;
    const groups = new Map<string, PeerAuthInfo[]>();
    for (const pa of pas.all) if (pa.scope !== 'workload') groups.set(pa.namespace, [...(groups.get(pa.namespace) ?? []), pa]);
    for (const [ns, list] of groups) {
      if (list.length < 2) continue;
      const ordered = ns === ctx.graph.mesh.rootNamespace ? pas.meshWide : pas.namespaceWide(ns);
      const names = ordered.map((p) => `"${p.name}"`).join(', ');
      for (const pa of list) {
        ctx.report({
          resource: pa.resource,
          pointer: pa.resource.object?.spec?.selector ? '/spec/selector' : '/metadata/name',
          key: !!pa.resource.object?.spec?.selector,
          message: `PeerAuthentications ${names} in namespace "${ns}" have no selector: istiod applies only "${ordered[0].name}"${pa === ordered[0] ? '' : `, so this one's mode is ignored`}`,
          related: list.filter((o) => o !== pa).map((o) => ({ resource: o.resource, pointer: o.modePointer, message: `PeerAuthentication ${o.namespace}/${o.name}` })),
          fix: 'Merge them into one PeerAuthentication without selector.',
        });
      }
    }
  },
});
