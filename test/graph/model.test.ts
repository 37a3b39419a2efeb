import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildGraph, coveringWildcards, fqdn, hostsOverlap, labelSelector, mapSelector, parseServiceHost, selectorText } from '../../src/graph/index.ts';
import { parseText } from '../helpers/lint.ts';

const graphOf = (yaml: string, opts = {}) => buildGraph(parseText(yaml).resources, opts);
const names = (xs: readonly { kind?: string; namespace: string; name: string }[]) => xs.map((x) => `${x.kind ? x.kind + ' ' : ''}${x.namespace}/${x.name}`).sort();

const WORKLOADS = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web, version: v1}, annotations: {sidecar.istio.io/inject: "true"}}
    spec:
      serviceAccountName: web-sa
      containers:
      - name: web
        image: web:1
        ports: [{name: http, containerPort: 8080}]
        env: [{name: UPSTREAM, value: "http://cart.shop:9080"}]
        args: [--db, db.shop.svc.cluster.local]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: report}}
        spec: {containers: [{name: report, image: report:1}]}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: cart, namespace: shop}
spec:
  template:
    metadata: {labels: {app: cart, version: v2}}
    spec: {containers: [{name: cart, image: cart:2}]}
---
apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata: {name: vm-1, namespace: shop}
spec: {address: 10.0.0.7, labels: {app: cart, version: vm}, serviceAccount: cart-vm, ports: {http: 8080}}
---
apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: ops, labels: {app: debug}}
spec: {containers: [{name: sh, image: busybox}]}
`;

const s = suite('graph: workloads, labels and namespaces');

s('workloads come from every pod-template kind and WorkloadEntry', () => {
  const g = graphOf(WORKLOADS);
  assert.equal(names(g.workloads.all().filter((w) => !w.synthetic)), ['CronJob shop/report', 'Deployment shop/web', 'Pod ops/debug', 'Rollout shop/cart', 'WorkloadEntry shop/vm-1']);
  const web = g.workloads.all().find((w) => w.name === 'web')!;
  assert.equal(web.labels, { app: 'web', version: 'v1' });
  assert.is(web.annotations['sidecar.istio.io/inject'], 'true');
  assert.is(web.serviceAccount, 'web-sa');
  assert.is(web.templatePointer, '/spec/template');
  assert.equal(web.containers[0].ports, [{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
  assert.equal(web.containers[0].strings.map((x) => `${x.pointer}=${x.value}`), ['/spec/template/spec/containers/0/env/0/value=http://cart.shop:9080', '/spec/template/spec/containers/0/args/0=--db', '/spec/template/spec/containers/0/args/1=db.shop.svc.cluster.local']);
  const cron = g.workloads.all().find((w) => w.name === 'report')!;
  assert.is(cron.templatePointer, '/spec/jobTemplate/spec/template');
  assert.is(g.workloads.all().find((w) => w.name === 'vm-1')!.serviceAccount, 'cart-vm');
});

s('selectors use the label index, per namespace or everywhere', () => {
  const g = graphOf(WORKLOADS);
  assert.equal(names(g.workloads.select(mapSelector({ app: 'cart' }), 'shop')), ['Rollout shop/cart', 'WorkloadEntry shop/vm-1']);
  assert.equal(names(g.workloads.select(mapSelector({ app: 'cart', version: 'vm' }))), ['WorkloadEntry shop/vm-1']);
  assert.equal(g.workloads.select(mapSelector({ app: 'cart' }), 'ops'), []);
  assert.equal(names(g.workloads.select(labelSelector({ matchExpressions: [{ key: 'version', operator: 'In', values: ['v1', 'v2'] }] }))), ['Deployment shop/web', 'Rollout shop/cart']);
  assert.equal(names(g.workloads.select(labelSelector({ matchExpressions: [{ key: 'version', operator: 'DoesNotExist' }] }), 'shop')), ['CronJob shop/report']);
  assert.is(g.workloads.select(mapSelector({}), 'shop').length, 4, 'an empty selector selects the whole namespace');
  assert.is(selectorText({ b: '2', a: '1' }), 'a=1,b=2');
});

s('namespaces are declared or referenced, with labels', () => {
  const g = graphOf(`${WORKLOADS}---
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
`);
  assert.equal(g.namespaces.all().map((n) => `${n.name}:${n.declared}`), ['ops:false', 'shop:true']);
  assert.is(g.namespaces.labels('shop')['istio-injection'], 'enabled');
  assert.equal(g.namespaces.labels('nowhere'), {});
});

s('the default ingress gateway is assumed unless defined or turned off', () => {
  const g = graphOf(WORKLOADS);
  const ingress = g.workloads.select(mapSelector({ istio: 'ingressgateway' }));
  assert.equal(ingress.map((w) => `${w.namespace}/${w.name}:${w.synthetic}`), ['istio-system/istio-ingressgateway-dummypod:true']);
  assert.equal(g.services.registry.service('istio-system', 'istio-ingressgateway')!.ports.map((p) => p.port), [80, 443, 31400, 15443]);
  assert.ok(g.workloads.loaded);
  assert.not.ok(g.services.servicesLoaded, 'the assumed Service does not count as loaded');
  const own = graphOf(`apiVersion: apps/v1
kind: Deployment
metadata: {name: gw, namespace: istio-ingress}
spec: {template: {metadata: {labels: {istio: ingressgateway}}, spec: {containers: [{name: istio-proxy, image: auto}]}}}
`);
  assert.equal(own.workloads.select(mapSelector({ istio: 'ingressgateway' })).map((w) => w.name), ['gw']);
});

s.run();

const h = suite('graph: hosts and the service registry');

h('host helpers follow istiod', () => {
  assert.is(fqdn('reviews', 'bookinfo'), 'reviews.bookinfo.svc.cluster.local');
  assert.is(fqdn('reviews.bookinfo', 'x'), 'reviews.bookinfo');
  assert.is(fqdn('*.example.com', 'x'), '*.example.com');
  assert.equal(parseServiceHost('a.b.c.svc.cluster.local'), { name: 'a.b', namespace: 'c' });
  assert.is(parseServiceHost('api.example.com'), undefined);
  assert.ok(hostsOverlap('*.com', 'foo.com'));
  assert.not.ok(hostsOverlap('*.foo.com', 'foo.com'));
  assert.ok(hostsOverlap('*', 'anything'));
  assert.ok(hostsOverlap('*.a.b', '*.b'));
  assert.equal(coveringWildcards('a.b.c'), ['*.b.c', '*.c', '*']);
});

const REGISTRY = `
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}
---
apiVersion: v1
kind: Service
metadata: {name: private, namespace: bookinfo, annotations: {networking.istio.io/exportTo: "."}}
spec: {selector: {app: private}, ports: [{name: http, port: 80}]}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: eu, namespace: egress}
spec: {hosts: ["*.eu.example.com"], ports: [{number: 443, name: tls, protocol: TLS}]}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: local-only, namespace: egress}
spec: {exportTo: ["."], hosts: [internal.example.com], ports: [{number: 80, name: http, protocol: HTTP}]}
`;

h('lookup resolves short, full and wildcard hosts with exportTo visibility', () => {
  const g = graphOf(REGISTRY);
  const r = g.services.registry;
  const look = (host: string, ns: string, exportTo?: string[]) => names(r.lookup(host, ns, exportTo));
  assert.equal(look('reviews', 'bookinfo'), ['Service bookinfo/reviews']);
  assert.equal(look('reviews.bookinfo.svc.cluster.local', 'shop'), ['Service bookinfo/reviews']);
  assert.equal(look('reviews', 'shop'), [], 'a short name means the referrer\'s namespace');
  assert.equal(look('reviews.bookinfo', 'shop'), [], 'istiod does not expand name.namespace');
  assert.equal(look('private.bookinfo.svc.cluster.local', 'bookinfo'), ['Service bookinfo/private']);
  assert.equal(look('private.bookinfo.svc.cluster.local', 'shop'), []);
  assert.equal(look('private.bookinfo.svc.cluster.local', 'bookinfo', ['shop']), [], 'the referrer\'s exportTo decides');
  assert.equal(look('shop.eu.example.com', 'web'), ['ServiceEntry egress/eu']);
  assert.equal(look('*.eu.example.com', 'web'), ['ServiceEntry egress/eu']);
  assert.equal(look('internal.example.com', 'web'), []);
  assert.equal(look('internal.example.com', 'egress'), ['ServiceEntry egress/local-only']);
});

h('services know their workloads and workloads their services', () => {
  const g = graphOf(`${REGISTRY}---
apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews-v1, namespace: bookinfo}
spec: {template: {metadata: {labels: {app: reviews, version: v1}}, spec: {containers: [{name: r, image: r}]}}}
`);
  const svc = g.services.registry.service('bookinfo', 'reviews')!;
  assert.equal(g.services.workloadsOf(svc).map((w) => w.name), ['reviews-v1']);
  const w = g.workloads.inNamespace('bookinfo')[0];
  assert.equal(g.services.servicesOf(w).map((x) => x.name), ['reviews']);
  assert.equal(g.services.inNamespace('egress').map((x) => x.name), ['eu', 'local-only']);
});

h.run();
