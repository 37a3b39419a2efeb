import { defineRule } from '../src/engine/index.ts';
import { ambientNamespace, type Workload } from '../src/graph/index.ts';
import { proxyContainer, security } from '../src/graph/security/index.ts';

const MODE = 'istio.io/dataplane-mode';
const REDIRECTION = 'ambient.istio.io/redirection';
const token = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const podLabel = (w: Workload, key: string, annotation = false) => `${w.templatePointer || ''}/metadata/${annotation ? 'annotations' : 'labels'}/${token(key)}`;

const CASE = (inject: boolean) => `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio.io/dataplane-mode: ambient}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web${inject ? ', sidecar.istio.io/inject: "true"' : ''}}}
    spec: {containers: [{name: web, image: web:1}]}
`;

export const workloadSidecarAndAmbient = defineRule({
  id: 'workload-sidecar-and-ambient',
  severity: 'error',
  category: 'correctness',
  kiali: 'KIA1311',
  docs: {
    summary: 'A workload is enrolled in ambient mode and also gets a sidecar.',
    description:
      'A pod with an injected sidecar is never captured by ztunnel, whatever its ambient labels say: it runs in sidecar ' +
      'mode, so ambient-only configuration (waypoints, ztunnel policies) does not apply to it, while its namespace or ' +
      'labels claim it is ambient. Reported when the pod template (or an exported Pod) carries the ambient label or ' +
      'redirection annotation, or sits in an ambient namespace, and the injection labels or a declared istio-proxy ' +
      'container give it a sidecar.',
    fix: 'Choose one data plane: remove the sidecar injection label, or the ambient label.',
    bad: CASE(true),
    good: CASE(false),
    notes:
      'Kiali compares `sidecar.istio.io/inject` with `enabled`/`none`; Istio, and this rule, read `true`/`false`. ' +
      'A namespace that carries both `istio-injection`/`istio.io/rev` and the ambient label is reported once by ' +
      'namespace-multiple-injection-labels rather than on every workload. Codes: KIA1311 when labels decide both modes, ' +
      'KIA1314 when a Pod has ambient redirection enabled, KIA1315 (ambient-labelled pod) and KIA1316 (warning, ambient ' +
      'namespace) when the pod already declares an istio-proxy container. Kiali reads the last three from live pods; ' +
      'here they come only from Pods or templates among the inputs.',
  },
  check(ctx) {
    const g = ctx.graph;
    const sec = g.facet(security);
    for (const w of g.workloads.all()) {
      if (w.synthetic || w.kind === 'WorkloadEntry' || w.kind === 'WorkloadGroup') continue;
      const podMode = w.labels[MODE];
      const redirected = w.annotations[REDIRECTION] === 'enabled';
      const nsAmbient = podMode !== 'ambient' && !redirected && podMode !== 'none' && ambientNamespace(g.namespaces.labels(w.namespace));
      if (podMode !== 'ambient' && !redirected && !nsAmbient) continue;
      const s = sec.sidecar(w);
      if (s.state !== 'in' || s.mode !== 'sidecar') continue;
      const declared = !!proxyContainer(w) && s.evidence?.resource === w.resource && s.evidence.pointer.endsWith('/image');
      const code = redirected ? 'KIA1314' : !declared ? 'KIA1311' : nsAmbient ? 'KIA1316' : 'KIA1315';
      const ambientWhy = redirected ? `the pod has ${REDIRECTION}: enabled` : nsAmbient ? `namespace "${w.namespace}" is in ambient mode` : `the pod template sets ${MODE}: ambient`;
      const ownEvidence = s.evidence && s.evidence.resource === w.resource ? s.evidence : undefined;
      const pointer = redirected ? podLabel(w, REDIRECTION, true) : !nsAmbient ? podLabel(w, MODE) : ownEvidence?.pointer ?? `${w.templatePointer || ''}/metadata`;
      const nsResource = g.namespaces.get(w.namespace)?.resource;
      const related = nsAmbient && nsResource
        ? [{ resource: nsResource, pointer: `/metadata/labels/${token(MODE)}`, message: `Namespace ${w.namespace} is in ambient mode` }]
        : s.evidence && s.evidence.pointer !== pointer ? [{ resource: s.evidence.resource, pointer: s.evidence.pointer, message: `sidecar: ${s.reason}` }] : undefined;
      ctx.report({
        resource: w.resource,
        pointer,
        key: pointer.includes('/metadata/labels/') || pointer.includes('/metadata/annotations/'),
        message: `${w.kind} "${w.namespace}/${w.name}" is enrolled in ambient mode (${ambientWhy}) but gets a sidecar (${s.reason}): its pods run with the sidecar and ztunnel does not capture them`,
        related,
        severity: code === 'KIA1316' ? 'warning' : undefined,
        codes: code === 'KIA1311' ? undefined : { kiali: code },
        fix: declared ? 'Remove the istio-proxy container (re-create the pod without injection), or take the workload out of ambient mode.' : 'Remove the sidecar injection label, or the ambient label.',
      });
    }
  },
});
