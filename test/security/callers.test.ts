import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildGraph } from '../../src/graph/index.ts';
import { hostTokens, security } from '../../src/graph/security/index.ts';
import { parseText } from '../helpers/lint.ts';

const graphOf = (yaml: string) => buildGraph(parseText(yaml).resources);
const keys = (v: string, env?: string) => hostTokens(v, 'batch', 'cluster.local', env).map((t) => `${t.key}${t.port ? `:${t.port}` : ''} ${t.text}`);

const tokens = suite('security facet: host-like strings');

tokens('cluster hosts in every form become FQDNs; the scheme is kept, user info is not', () => {
  assert.equal(keys('http://ratings.bookinfo:9080/ratings'), [
    'ratings.bookinfo.svc.cluster.local:9080 http://ratings.bookinfo:9080',
    'ratings.bookinfo:9080 http://ratings.bookinfo:9080',
  ]);
  assert.equal(keys('--upstream=ratings.bookinfo.svc'), ['ratings.bookinfo.svc.cluster.local --upstream=ratings.bookinfo.svc'.replace('--upstream=', '')]);
  assert.equal(keys('postgres://app:s3cret@db.data.svc.cluster.local.:5432/orders'), ['db.data.svc.cluster.local:5432 postgres://db.data.svc.cluster.local.:5432']);
});

tokens('a dot-less name is a host only after //, before a port, or alone in a host-like variable', () => {
  assert.equal(keys('http://ratings/ratings'), ['batch/ratings http://ratings']);
  assert.equal(keys('ratings:9080'), ['batch/ratings:9080 ratings:9080']);
  assert.equal(keys('ratings', 'RATINGS_HOST'), ['batch/ratings ratings']);
  assert.equal(keys('ratings', 'MODE'), []);
  assert.equal(keys('--mode fast --log-level=info'), []);
});

tokens.run();

const callers = suite('security facet: static callers');

const BASE = `
apiVersion: v1
kind: Namespace
metadata: {name: batch}
---
apiVersion: v1
kind: Service
metadata: {name: ratings, namespace: bookinfo}
spec:
  type: NodePort
  selector: {app: ratings}
  ports: [{name: http, port: 9080}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: export, namespace: batch}
data: {SOURCE: "ratings.bookinfo:9080", OTHER: "reviews.bookinfo:9080"}
---
apiVersion: batch/v1
kind: Job
metadata: {name: export, namespace: batch}
spec:
  template:
    spec:
      volumes: [{name: cfg, configMap: {name: export}}]
      containers:
      - name: export
        image: export:1
        env:
        - {name: ONE, valueFrom: {configMapKeyRef: {name: export, key: OTHER}}}
        - {name: TWO, value: "http://ratings.bookinfo.svc.cluster.local:9080"}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ratings, namespace: bookinfo, annotations: {kubernetes.io/ingress.class: nginx}}
spec:
  defaultBackend: {service: {name: ratings, port: {number: 9080}}}
`;

callers('one index finds workloads (env, ConfigMaps they read), Ingress backends and the NodePort Service itself', () => {
  const g = graphOf(BASE);
  const sec = g.facet(security);
  const svc = g.services.all().find((s) => s.name === 'ratings')!;
  const got = sec.callersOf(svc).map((c) => `${c.kind} ${c.resource.kind}/${c.resource.name} ${c.pointer} ${c.port ?? '-'}${c.via ? ` via ${c.via.pointer}` : ''}`);
  assert.equal(got, [
    'workload Job/export /spec/template/spec/containers/0/env/1/value 9080',
    'workload Job/export /spec/template/spec/volumes/0/configMap/name 9080 via /data/SOURCE',
    'ingress Ingress/ratings /spec/defaultBackend/service/name 9080',
    'external Service/ratings /spec/type -',
  ]);
});

callers('workloads in the mesh are not callers without mTLS', () => {
  const g = graphOf(BASE.replace('metadata: {name: batch}', 'metadata: {name: batch, labels: {istio-injection: enabled}}'));
  const sec = g.facet(security);
  const svc = g.services.all().find((s) => s.name === 'ratings')!;
  assert.equal(sec.callersOf(svc).map((c) => c.kind), ['ingress', 'external']);
});

callers.run();

const ids = suite('security facet: identities and authorization policies');

ids('principals match exactly, by prefix or suffix, per trust domain and alias; unknown namespaces stay unknown', () => {
  const g = graphOf(`
apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data: {mesh: "trustDomain: prod.example.com\\ntrustDomainAliases: [cluster.local]"}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web-frontend, namespace: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  template:
    metadata: {labels: {app: cart}}
    spec: {containers: [{name: cart, image: cart:1}]}
`);
  const m = (p: string) => g.facet(security).identities.match(p).state;
  assert.is(m('prod.example.com/ns/shop/sa/default'), 'found');
  assert.is(m('cluster.local/ns/shop/sa/web-frontend'), 'found');
  assert.is(m('cluster.local/ns/shop/sa/web-*'), 'found');
  assert.is(m('*/sa/web-frontend'), 'found');
  assert.is(m('cluster.local/ns/shop/sa/web'), 'missing');
  assert.is(m('cluster.local/ns/shop/sa/api-*'), 'missing');
  assert.is(m('cluster.local/ns/other/sa/web'), 'unknown');
  assert.is(m('staging.example.com/ns/shop/sa/web'), 'foreign');
});

ids('authorization policies apply by selector in their namespace, mesh-wide from the root namespace', () => {
  const g = graphOf(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  template:
    metadata: {labels: {app: cart}}
    spec: {containers: [{name: cart, image: cart:1}]}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: cart, namespace: shop}
spec: {selector: {matchLabels: {app: cart}}}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: other, namespace: shop}
spec: {selector: {matchLabels: {app: other}}}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: mesh, namespace: istio-system}
spec: {action: DENY, rules: [{to: [{operation: {paths: ["/debug"]}}]}]}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: waypoint, namespace: shop}
spec: {targetRefs: [{kind: Service, group: "", name: cart}]}
`);
  const aps = g.facet(security).authorizationPolicies;
  const cart = g.workloads.inNamespace('shop')[0];
  assert.equal(aps.forWorkload(cart).map((a) => `${a.namespace}/${a.name}`), ['shop/cart', 'istio-system/mesh']);
  const mesh = aps.all.find((a) => a.name === 'mesh')!;
  assert.equal(aps.workloadsOf(mesh).filter((w) => !w.synthetic).map((w) => w.name), ['cart']);
  assert.equal(mesh.rules[0].to[0].fields.paths.values.map((v) => [v.value, v.pointer]), [['/debug', '/spec/rules/0/to/0/operation/paths/0']]);
  assert.equal(aps.workloadsOf(aps.all.find((a) => a.name === 'waypoint')!), []);
});

ids.run();
