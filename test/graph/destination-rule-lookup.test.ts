import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildGraph } from '../../src/graph/index.ts';
import { parseText } from '../helpers/lint.ts';

const graphOf = (yaml: string) => buildGraph(parseText(yaml).resources);
const dr = (ns: string, name: string, host: string, extra = '') => `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ${name}, namespace: ${ns}}
spec:
  host: "${host}"
${extra}`;
const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec: {selector: {app: reviews}, ports: [{port: 9080}]}
`;
const picked = (yaml: string, host: string, ns: string) => graphOf(yaml).routing.destinationRulesFor(host, ns).map((d) => `${d.namespace}/${d.name}`);

const s = suite('routing: the DestinationRules istiod picks for a client namespace');

s('the client namespace first, then the service namespace, then the root namespace', () => {
  const yaml = SERVICE + dr('istio-system', 'root', 'reviews.bookinfo.svc.cluster.local') + dr('bookinfo', 'own', 'reviews') + dr('frontend', 'mine', 'reviews.bookinfo.svc.cluster.local');
  assert.equal(picked(yaml, 'reviews', 'bookinfo'), ['bookinfo/own']);
  assert.equal(picked(yaml, 'reviews.bookinfo.svc.cluster.local', 'frontend'), ['frontend/mine']);
  assert.equal(picked(yaml, 'reviews.bookinfo.svc.cluster.local', 'other'), ['bookinfo/own']);
  assert.equal(picked(SERVICE + dr('istio-system', 'root', 'reviews.bookinfo.svc.cluster.local'), 'reviews.bookinfo.svc.cluster.local', 'other'), ['istio-system/root']);
});

s('within a namespace the most specific host wins, `*.local` included', () => {
  const yaml = SERVICE + dr('frontend', 'mesh', '*.local') + dr('bookinfo', 'exact', 'reviews') + dr('frontend', 'ns-wide', '*.bookinfo.svc.cluster.local');
  assert.equal(picked(yaml, 'reviews.bookinfo.svc.cluster.local', 'frontend'), ['frontend/ns-wide']);
  assert.equal(picked(SERVICE + dr('frontend', 'mesh', '*.local') + dr('bookinfo', 'exact', 'reviews'), 'reviews.bookinfo.svc.cluster.local', 'frontend'), ['frontend/mesh']);
});

s('exportTo hides a rule from other namespaces; a workloadSelector keeps it private', () => {
  const hidden = SERVICE + dr('bookinfo', 'private', 'reviews', '  exportTo: ["."]\n') + dr('istio-system', 'root', 'reviews.bookinfo.svc.cluster.local');
  assert.equal(picked(hidden, 'reviews.bookinfo.svc.cluster.local', 'frontend'), ['istio-system/root']);
  assert.equal(picked(hidden, 'reviews', 'bookinfo'), ['bookinfo/private']);
  const named = SERVICE + dr('bookinfo', 'shared', 'reviews', '  exportTo: [frontend]\n') + dr('istio-system', 'root', 'reviews.bookinfo.svc.cluster.local');
  assert.equal(picked(named, 'reviews.bookinfo.svc.cluster.local', 'frontend'), ['bookinfo/shared']);
  assert.equal(picked(named, 'reviews.bookinfo.svc.cluster.local', 'other'), ['istio-system/root']);
  const selected = SERVICE + dr('bookinfo', 'canary', 'reviews', '  workloadSelector: {matchLabels: {app: productpage}}\n') + dr('istio-system', 'root', 'reviews.bookinfo.svc.cluster.local');
  assert.equal(picked(selected, 'reviews.bookinfo.svc.cluster.local', 'frontend'), ['istio-system/root']);
  assert.equal(graphOf(selected).routing.destinationRulesFor('reviews', 'bookinfo')[0].selector, { app: 'productpage' });
});

s('rules for one host in one namespace come in merge order: oldest first, then by name', () => {
  const old = (t: string) => `  trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}\n`.replace('ROUND_ROBIN', t);
  const yaml = SERVICE + dr('bookinfo', 'b', 'reviews', old('LEAST_REQUEST')) + dr('bookinfo', 'a', 'reviews.bookinfo.svc.cluster.local', old('RANDOM'));
  assert.equal(picked(yaml, 'reviews', 'bookinfo'), ['bookinfo/a', 'bookinfo/b']);
  const dated = yaml.replace('{name: b, namespace: bookinfo}', '{name: b, namespace: bookinfo, creationTimestamp: "2024-01-01T00:00:00Z"}').replace('{name: a, namespace: bookinfo}', '{name: a, namespace: bookinfo, creationTimestamp: "2024-06-01T00:00:00Z"}');
  assert.equal(picked(dated, 'reviews', 'bookinfo'), ['bookinfo/b', 'bookinfo/a']);
});

s('the rule sets of every client namespace, for the security model', () => {
  const yaml = SERVICE + dr('bookinfo', 'own', 'reviews') + dr('shop', 'client', 'reviews.bookinfo.svc.cluster.local') + dr('istio-system', 'root', '*.local');
  const sets = graphOf(yaml).routing.destinationRulePicks('reviews.bookinfo.svc.cluster.local', 'bookinfo').map((p) => p.map((d) => `${d.namespace}/${d.name}`));
  assert.equal(sets, [['bookinfo/own'], ['shop/client']]);
});

s.run();
