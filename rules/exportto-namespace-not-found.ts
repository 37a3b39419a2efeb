import { defineRule } from '../src/engine/index.ts';

export const exporttoNamespaceNotFound = defineRule({
  id: 'exportto-namespace-not-found',
  severity: 'warning',
  category: 'correctness',
  kiali: 'KIA0005',
  docs: {
    summary: 'An exportTo entry names a namespace that does not exist.',
    description:
      'VirtualServices, DestinationRules and ServiceEntries are visible only in the namespaces `exportTo` lists (`.` for ' +
      'their own, `*` for all). A namespace name that matches no namespace makes the object visible nowhere there: usually ' +
      'a typo, so the clients that should see it do not.',
    fix: 'Correct the namespace name, or create the namespace.',
    bad: `apiVersion: v1
kind: Namespace
metadata: {name: bookinfo}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  exportTo: [".", bookinfo-frontend]
  hosts: [reviews]
  http: [{route: [{destination: {host: reviews}}]}]
`,
    good: `apiVersion: v1
kind: Namespace
metadata: {name: bookinfo}
---
apiVersion: v1
kind: Namespace
metadata: {name: bookinfo-frontend}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  exportTo: [".", bookinfo-frontend]
  hosts: [reviews]
  http: [{route: [{destination: {host: reviews}}]}]
`,
    notes: 'A namespace counts as existing when a Namespace object declares it or any object lives in it. Unlike Kiali, `~` (export nowhere) is valid.',
  },
  check(ctx) {
    const g = ctx.graph;
    const ns = g.namespaces;
    const objects = [...g.routing.virtualServices, ...g.routing.destinationRules, ...g.services.all().filter((s) => s.kind === 'ServiceEntry')];
    for (const o of objects) {
      const exportTo = o.resource.object?.spec?.exportTo;
      if (!Array.isArray(exportTo)) continue;
      exportTo.forEach((e: unknown, i: number) => {
        if (typeof e !== 'string' || e === '.' || e === '*' || e === '~' || ns.has(e)) return;
        if (!ns.anyDeclared && !ctx.closedWorld) return;
        ctx.report({ resource: o.resource, pointer: `/spec/exportTo/${i}`, message: `Namespace "${e}" does not exist, so this ${o.resource.kind} is exported to no namespace of that name`, fix: 'Correct the namespace name.' });
      });
    }
  },
});
