import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildGraph } from '../../src/graph/index.ts';
import { meshSource } from '../../src/report/tui/mesh.ts';
import { routeLines } from '../../src/report/tui/mesh-view.tsx';
import { securityLookup } from '../../src/report/tui/security.ts';
import { matchText } from '../../src/report/tui/route-match.ts';
import { parseText } from '../helpers/lint.ts';
import { KEY, open, rows } from './render.tsx';
import { reportData } from './data.ts';

const MANIFESTS = `
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
---
apiVersion: v1
kind: Service
metadata: {name: details, namespace: bookinfo}
spec:
  selector: {app: details}
  ports: [{name: http, port: 9080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews-v1, namespace: bookinfo}
spec:
  template:
    metadata: {labels: {app: reviews, version: v1}}
    spec: {containers: [{name: app, image: reviews:1}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews-v2, namespace: bookinfo}
spec:
  template:
    metadata: {labels: {app: reviews, version: v2}}
    spec: {containers: [{name: app, image: reviews:2}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: details-v1, namespace: bookinfo}
spec:
  template:
    metadata: {labels: {app: details}}
    spec: {containers: [{name: app, image: details:1}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: bookinfo}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  gateways: [mesh, public, private]
  http:
  - match:
    - headers: {end-user: {exact: jason}}
    route:
    - destination: {host: reviews, subset: v2}
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 70
    - destination: {host: reviews, subset: v3}
      weight: 30
`;

const mesh = () => meshSource(buildGraph(parseText(MANIFESTS, 'mesh.yaml').resources));
const plain = (lines: ReturnType<typeof routeLines>) => lines.map((l) => l.map((s) => s.text).join(''));

const Model = suite('tui: mesh model from the graph');

Model('lists every host with its routing summary and missing links', () => {
  assert.equal(mesh().hosts, [
    { host: 'details.bookinfo.svc.cluster.local', summary: 'default routing', missing: 0 },
    { host: 'reviews.bookinfo.svc.cluster.local', summary: '1 VirtualService · 2 routes', missing: 2 },
  ]);
});

Model('route tree: gateways, routes with matches and weights, subsets, workloads with mTLS and sidecar', () => {
  assert.equal(plain(routeLines(mesh(), 'reviews.bookinfo.svc.cluster.local', 100)), [
    'reviews.bookinfo.svc.cluster.local',
    '├─ Service bookinfo/reviews  http/9080  2 workloads',
    '└─ VirtualService bookinfo/reviews',
    '   ├─ ◆ mesh  (sidecars)',
    '   ├─ ◆ Gateway bookinfo/public  80/HTTP  1 pod, assumed',
    '   ├─ ◆ Gateway bookinfo/private  ✖ no such Gateway',
    '   ├─ http[0] match header end-user jason',
    '   │  └─ 100% → reviews',
    '   │     └─ subset v2 {version=v2}  DestinationRule bookinfo/reviews',
    '   │        └─ Deployment bookinfo/reviews-v2  mTLS unknown · sidecar unknown',
    '   └─ http[1] any request',
    '      ├─ 70% → reviews',
    '      │  └─ subset v1 {version=v1}  DestinationRule bookinfo/reviews',
    '      │     └─ Deployment bookinfo/reviews-v1  mTLS unknown · sidecar unknown',
    '      └─ 30% → reviews',
    '         └─ subset v3  ✖ not defined in DestinationRule bookinfo/reviews',
    '',
    'mTLS mode and sidecar status are shown as unknown: this version does not compute them.',
  ]);
});

Model('a host without VirtualService shows default routing to the workloads of its service', () => {
  assert.equal(plain(routeLines(mesh(), 'details.bookinfo.svc.cluster.local', 100)).slice(0, 4), [
    'details.bookinfo.svc.cluster.local',
    '├─ Service bookinfo/details  http/9080  1 workload',
    '└─ no VirtualService: every endpoint of the service',
    '   └─ Deployment bookinfo/details-v1  mTLS unknown · sidecar unknown',
  ]);
});

Model('a security lookup fills in mTLS mode and sidecar status', () => {
  const g = buildGraph(parseText(MANIFESTS, 'mesh.yaml').resources);
  const m = meshSource(g, (w) => ({ mtls: w.name.endsWith('v1') ? 'STRICT' : 'PERMISSIVE', sidecar: 'injected' }));
  const lines = plain(routeLines(m, 'details.bookinfo.svc.cluster.local', 100));
  assert.is(lines[3], '   └─ Deployment bookinfo/details-v1  mTLS STRICT · sidecar injected');
  assert.is(lines.length, 4, 'no caveat when the status is known');
});

Model('with the security model: mTLS mode from PeerAuthentications, sidecar status from injection', () => {
  const extra = `
---
apiVersion: v1
kind: Namespace
metadata: {name: bookinfo, labels: {istio-injection: enabled}}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: strict-reviews, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: reviews}}
  mtls: {mode: STRICT}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: details-v1, namespace: bookinfo}
spec:
  template:
    metadata: {labels: {app: details}, annotations: {sidecar.istio.io/inject: "false"}}
    spec: {containers: [{name: app, image: details:1}]}
`;
  const g = buildGraph(parseText(MANIFESTS + extra, 'mesh.yaml').resources);
  const m = meshSource(g, securityLookup(g));
  const reviews = plain(routeLines(m, 'reviews.bookinfo.svc.cluster.local', 100));
  assert.ok(reviews.includes('   │        └─ Deployment bookinfo/reviews-v2  mTLS STRICT · sidecar injected'), reviews.join('\n'));
  const details = plain(routeLines(m, 'details.bookinfo.svc.cluster.local', 100));
  assert.is(details[3], '   └─ Deployment bookinfo/details-v1  mTLS not enforced · sidecar none');
  assert.is(details.length, 4, 'no caveat: the status is known');
});

const GATEWAY_API = `
apiVersion: v1
kind: Service
metadata: {name: shop, namespace: web}
spec:
  selector: {app: shop}
  ports: [{name: http, port: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: shop, namespace: web}
spec:
  template:
    metadata: {labels: {app: shop}}
    spec: {containers: [{name: app, image: shop:1}]}
---
apiVersion: v1
kind: Service
metadata: {name: stock, namespace: inventory}
spec:
  selector: {app: stock}
  ports: [{name: http, port: 8080}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: istio
  listeners:
  - {name: https, port: 443, protocol: HTTPS, hostname: "*.example.com"}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: web}
spec:
  parentRefs:
  - {name: public, namespace: infra, sectionName: https}
  - {name: internal, namespace: infra}
  hostnames: [shop.example.com]
  rules:
  - matches:
    - path: {type: PathPrefix, value: /api}
      headers: [{name: x-beta, value: "1"}]
    - method: POST
    backendRefs:
    - {name: shop, port: 80, weight: 90}
    - {name: shop-canary, port: 80, weight: 10}
  - filters: [{type: RequestRedirect, requestRedirect: {scheme: https}}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop-mesh, namespace: web}
spec:
  parentRefs: [{group: "", kind: Service, name: shop}]
  rules:
  - backendRefs: [{name: shop, port: 80}]
  - matches: [{path: {type: Exact, value: /stock}}]
    backendRefs: [{name: stock, namespace: inventory, port: 8080}]
`;

Model('Gateway API routes: parents with their listeners, rules with matches and weights, backends, workloads', () => {
  const m = meshSource(buildGraph(parseText(GATEWAY_API, 'routes.yaml').resources));
  assert.equal(m.hosts, [
    { host: 'shop.example.com', summary: '1 HTTPRoute · 2 routes', missing: 2 },
    { host: 'shop.web.svc.cluster.local', summary: '1 HTTPRoute · 2 routes', missing: 1 },
    { host: 'stock.inventory.svc.cluster.local', summary: 'default routing', missing: 0 },
  ]);
  assert.equal(plain(routeLines(m, 'shop.example.com', 100)).slice(0, -2), [
    'shop.example.com',
    '├─ no Service or ServiceEntry has this host',
    '└─ HTTPRoute web/shop',
    '   ├─ ◆ Gateway infra/public  https 443/HTTPS *.example.com',
    '   ├─ ◆ Gateway infra/internal  ✖ no such Gateway',
    '   ├─ rules[0] match path prefix /api, header x-beta 1 or method POST',
    '   │  ├─ 90% → Service web/shop:80',
    '   │  │  └─ Deployment web/shop  mTLS unknown · sidecar unknown',
    '   │  └─ 10% → Service web/shop-canary:80  ✖ no such Service',
    '   └─ rules[1] any request',
    '      └─ no backendRefs · filters RequestRedirect',
  ]);
  // A Service parent: the route is how sidecars reach that Service, in place of default routing.
  assert.equal(plain(routeLines(m, 'shop.web.svc.cluster.local', 100)).slice(0, -2), [
    'shop.web.svc.cluster.local',
    '├─ Service web/shop  http/80  1 workload',
    '└─ HTTPRoute web/shop-mesh',
    '   ├─ ◆ mesh  (sidecars calling Service web/shop)',
    '   ├─ rules[0] any request',
    '   │  └─ 100% → Service web/shop:80',
    '   │     └─ Deployment web/shop  mTLS unknown · sidecar unknown',
    '   └─ rules[1] match path /stock',
    '      └─ 100% → Service inventory/stock:8080  ✖ no ReferenceGrant allows it',
    '         └─ no workload selected',
  ]);
});

Model('match blocks: conditions joined with commas, blocks with "or"', () => {
  assert.is(matchText([{ uri: { prefix: '/api' }, method: { exact: 'GET' } }, { headers: { 'x-canary': { regex: 'on|yes' } }, port: 8080 }]), 'match uri prefix /api, method GET or header x-canary regex on|yes, port 8080');
  assert.is(matchText(undefined), '');
  assert.is(matchText([{ sourceLabels: { app: 'web' }, gateways: ['mesh'] }]), 'match from app=web, via mesh');
});

Model.run();

const View = suite('tui: mesh view');

View('m lists hosts; Enter shows the route tree; n/p step hosts; Esc goes back', async () => {
  const s = open({ result: { report: reportData(), mesh: mesh() } });
  let frame = rows(await s.press('m'));
  assert.equal(frame.slice(1, 4), [
    'Mesh  2 hosts · enter shows the route tree',
    '› details.bookinfo.svc.cluster.local'.padEnd(65) + 'default routing',
    '  reviews.bookinfo.svc.cluster.local'.padEnd(40) + '1 VirtualService · 2 routes  ✖ 2 missing',
  ]);
  frame = rows(await s.press('j', KEY.enter));
  assert.is(frame[1], 'Route tree  host 2 of 2');
  assert.is(frame[2], 'reviews.bookinfo.svc.cluster.local');
  assert.is(frame[17], '         └─ subset v3  ✖ not defined in DestinationRule bookinfo/reviews');
  assert.ok(frame.every((l) => l.length <= 80));
  frame = rows(await s.press('p'));
  assert.is(frame[2], 'details.bookinfo.svc.cluster.local');
  frame = rows(await s.press(KEY.escape));
  assert.is(frame[1], 'Mesh  2 hosts · enter shows the route tree');
  frame = rows(await s.press(KEY.escape));
  assert.is(frame[1], 'Findings  4 findings');
  s.unmount();
});

View('the mesh model is built only when the mesh view is first shown', async () => {
  const real = mesh();
  let reads = 0;
  const counting = { get hosts() { reads++; return real.hosts; }, tree: real.tree, note: real.note };
  const s = open({ result: { report: reportData(), mesh: counting } });
  await s.press('j', 'j', KEY.enter, KEY.escape, 's');
  assert.is(reads, 0, 'browsing findings never touches it');
  await s.press('m');
  assert.ok(reads > 0);
  s.unmount();
});

View('without a mesh model the view says so', async () => {
  const s = open({ result: { report: reportData() } });
  assert.is(rows(await s.press('m'))[2], 'The mesh model is not available for this run');
  s.unmount();
});

View.run();
