import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildGraph, type Ref } from '../../src/graph/index.ts';
import { parseText } from '../helpers/lint.ts';

const graphOf = (yaml: string) => buildGraph(parseText(yaml).resources);
const show = (refs: readonly Ref[]) => refs.map((r) => `${r.kind} ${r.from.kind}/${r.from.name}${r.pointer} ${r.value} ${r.state} [${r.targets.map((t) => `${t.kind} ${t.namespace}/${t.name}`).join(', ')}]`);

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  gateways: [mesh, edge]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
    mirror: {host: ratings.other.svc.cluster.local}
`;

const s = suite('graph: references are three-valued edges');

s('with nothing of the target kinds loaded, references are unknown', () => {
  assert.equal(show(graphOf(VS).refs.all), [
    'destination-host VirtualService/reviews/spec/http/0/route/0/destination/host reviews unknown []',
    'destination-subset VirtualService/reviews/spec/http/0/route/0/destination/subset v1 unknown []',
    'mirror-host VirtualService/reviews/spec/http/0/mirror/host ratings.other.svc.cluster.local unknown []',
    'gateway VirtualService/reviews/spec/gateways/1 edge unknown []',
  ]);
});

s('with the kinds loaded, references resolve or are missing; other namespaces stay unknown', () => {
  const g = graphOf(`${VS}---
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec: {host: reviews, subsets: [{name: v2, labels: {version: v2}}]}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: edge, namespace: bookinfo}
spec: {selector: {istio: ingressgateway}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]}
`);
  const vs = g.resources.get('networking.istio.io', 'VirtualService', 'bookinfo', 'reviews')!;
  assert.equal(show(g.refs.from(vs)), [
    'destination-host VirtualService/reviews/spec/http/0/route/0/destination/host reviews resolved [Service bookinfo/reviews]',
    'destination-subset VirtualService/reviews/spec/http/0/route/0/destination/subset v1 missing []',
    'mirror-host VirtualService/reviews/spec/http/0/mirror/host ratings.other.svc.cluster.local unknown []',
    'gateway VirtualService/reviews/spec/gateways/1 edge resolved [Gateway bookinfo/edge]',
  ]);
  const svc = g.resources.get('', 'Service', 'bookinfo', 'reviews')!;
  assert.equal(g.refs.to(svc).map((r) => `${r.kind} ${r.from.kind}`), ['destination-host VirtualService', 'destinationrule-host DestinationRule']);
  assert.equal(show(g.refs.ofKind('selector')), [
    'selector Gateway/edge/spec/selector istio=ingressgateway resolved [Pod istio-system/istio-ingressgateway-dummypod]',
    'selector Service/reviews/spec/selector app=reviews unknown []',
  ]);
});

s.run();
