import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildGraph, type MeshGraph, type Workload } from '../../src/graph/index.ts';
import { clientTlsFor, security } from '../../src/graph/security/index.ts';
import { parseText } from '../helpers/lint.ts';

const graphOf = (yaml: string, opts = {}) => buildGraph(parseText(yaml).resources, opts);
const workload = (g: MeshGraph, ns: string, name: string): Workload => {
  const w = g.workloads.inNamespace(ns).find((x) => x.name === name);
  if (!w) throw new Error(`no workload ${ns}/${name}`);
  return w;
};
const deploy = (ns: string, name: string, extra = '', podMeta = '', containers = `[{name: app, image: app:1, ports: [{name: http, containerPort: 8080}]}]`) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  template:
    metadata: {labels: {app: ${name}${podMeta}}${extra}}
    spec: {containers: ${containers}}
`;

const status = suite('security facet: sidecar status');

const NAMESPACES = `
apiVersion: v1
kind: Namespace
metadata: {name: injected, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: rev, labels: {istio.io/rev: canary}}
---
apiVersion: v1
kind: Namespace
metadata: {name: disabled, labels: {istio-injection: disabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: plain}
---
apiVersion: v1
kind: Namespace
metadata: {name: amb, labels: {istio.io/dataplane-mode: ambient}}
`;

status('namespace labels, pod labels and annotations decide, with the precedence the injector uses', () => {
  const g = graphOf(NAMESPACES +
    deploy('injected', 'a') +
    deploy('injected', 'b', ', annotations: {sidecar.istio.io/inject: "false"}') +
    deploy('injected', 'c', '', ', sidecar.istio.io/inject: "false"') +
    deploy('rev', 'd') +
    deploy('disabled', 'e', '', ', sidecar.istio.io/inject: "true"') +
    deploy('plain', 'f') +
    deploy('plain', 'g', '', ', sidecar.istio.io/inject: "true"') +
    deploy('plain', 'h', ', annotations: {sidecar.istio.io/inject: "false"}', ', sidecar.istio.io/inject: "true"') +
    deploy('amb', 'i') +
    deploy('amb', 'j', '', ', istio.io/dataplane-mode: none') +
    deploy('nowhere', 'k') +
    deploy('nowhere', 'l', '', ', sidecar.istio.io/inject: "true"') +
    deploy('plain', 'm', '', '', '[{name: app, image: app:1}, {name: istio-proxy, image: docker.io/istio/proxyv2:1.24.2}]'));
  const sec = g.facet(security);
  const got = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm'].map((n) => {
    const w = g.workloads.all().find((x) => x.name === n)!;
    const s = sec.sidecar(w);
    return `${n} ${s.state} ${s.mode}`;
  });
  assert.equal(got, [
    'a in sidecar', 'b out none', 'c out none', 'd in sidecar', 'e out none', 'f out none', 'g in sidecar', 'h in sidecar',
    'i in ambient', 'j out none', 'k unknown none', 'l in sidecar', 'm in sidecar',
  ]);
  assert.match(sec.sidecar(workload(g, 'plain', 'f')).reason, 'namespace "plain" has no istio-injection label');
  assert.is(sec.sidecar(workload(g, 'injected', 'b')).evidence?.pointer, '/spec/template/metadata/annotations/sidecar.istio.io~1inject');
});

status('gateways, control plane, host network, the assumed ingress pod and VMs', () => {
  const g = graphOf(`
apiVersion: v1
kind: Namespace
metadata: {name: gw}
---
apiVersion: v1
kind: Namespace
metadata: {name: istio-system}
` + deploy('gw', 'auto-gw', ', annotations: {inject.istio.io/templates: gateway}', ', sidecar.istio.io/inject: "true"', '[{name: istio-proxy, image: auto}]') +
    deploy('gw', 'bare-gw', '', '', '[{name: istio-proxy, image: auto}]') +
    deploy('istio-system', 'istiod', '', '', '[{name: discovery, image: pilot:1}]') +
    `---
apiVersion: v1
kind: Pod
metadata: {name: node-agent, namespace: injected}
spec: {hostNetwork: true, containers: [{name: a, image: a:1}]}
---
apiVersion: v1
kind: Namespace
metadata: {name: injected, labels: {istio-injection: enabled}}
---
apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata: {name: vm, namespace: injected}
spec: {address: 10.0.0.1, labels: {app: vm}}
`);
  const sec = g.facet(security);
  const s = (ns: string, n: string) => `${sec.sidecar(workload(g, ns, n)).state} ${sec.sidecar(workload(g, ns, n)).mode}`;
  assert.is(s('gw', 'auto-gw'), 'in gateway');
  assert.is(s('gw', 'bare-gw'), 'out gateway');
  assert.is(s('istio-system', 'istiod'), 'out control-plane');
  assert.is(s('injected', 'node-agent'), 'out none');
  assert.is(s('injected', 'vm'), 'in vm');
  assert.is(s('istio-system', 'istio-ingressgateway-dummypod'), 'in gateway');
});

status('enableNamespacesByDefault in the injector ConfigMap injects unlabelled namespaces', () => {
  const cm = (on: boolean) => `---
apiVersion: v1
kind: ConfigMap
metadata: {name: istio-sidecar-injector, namespace: istio-system}
data:
  values: '{"sidecarInjectorWebhook":{"enableNamespacesByDefault":${on}}}'
`;
  for (const on of [true, false]) {
    const g = graphOf(NAMESPACES + deploy('plain', 'f') + cm(on));
    const sec = g.facet(security);
    assert.is(sec.sidecar(workload(g, 'plain', 'f')).state, on ? 'in' : 'out');
    assert.is(sec.namespace('plain').byDefault, on ? true : undefined);
  }
});

status.run();

const mtls = suite('security facet: effective mTLS');

const PAS = `
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec: {mtls: {mode: STRICT}}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: legacy}
spec: {mtls: {mode: PERMISSIVE}}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: db, namespace: legacy}
spec:
  selector: {matchLabels: {app: db}}
  mtls: {mode: UNSET}
  portLevelMtls:
    "5432": {mode: DISABLE}
    "9000": {mode: UNSET}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: ignored, namespace: istio-system}
spec:
  selector: {matchLabels: {app: web}}
  mtls: {mode: DISABLE}
`;

mtls('workload port, workload, namespace, mesh, default: UNSET inherits, root-namespace selectors are ignored', () => {
  const g = graphOf(PAS + deploy('legacy', 'db') + deploy('legacy', 'web') + deploy('shop', 'web'));
  const sec = g.facet(security);
  const m = (ns: string, n: string, port?: number) => {
    const e = sec.mtls(workload(g, ns, n), port);
    return `${e.mode} ${e.level} ${e.policy ? `${e.policy.namespace}/${e.policy.name}` : '-'} ${e.pointer ?? '-'}`;
  };
  assert.is(m('legacy', 'db', 5432), 'DISABLE port legacy/db /spec/portLevelMtls/5432/mode');
  assert.is(m('legacy', 'db', 9000), 'PERMISSIVE namespace legacy/default /spec/mtls/mode');
  assert.is(m('legacy', 'db'), 'PERMISSIVE namespace legacy/default /spec/mtls/mode');
  assert.is(m('legacy', 'web', 5432), 'PERMISSIVE namespace legacy/default /spec/mtls/mode');
  assert.is(m('shop', 'web', 8080), 'STRICT mesh istio-system/default /spec/mtls/mode');
  const none = graphOf(deploy('shop', 'web')).facet(security);
  const g2 = graphOf(deploy('shop', 'web'));
  assert.is(g2.facet(security).mtls(workload(g2, 'shop', 'web')).level, 'default');
  assert.ok(none);
});

mtls('service ports map to container ports (named targetPort), and inbound exclusions bypass the proxy', () => {
  const g = graphOf(PAS + `---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: legacy}
spec:
  selector: {app: db}
  ports: [{name: tcp-pg, port: 15432, targetPort: pg}, {name: http, port: 80, targetPort: 9000}]
` + deploy('legacy', 'db', ', annotations: {traffic.sidecar.istio.io/excludeInboundPorts: "9000"}', '', '[{name: pg, image: pg:1, ports: [{name: pg, containerPort: 5432}]}]'));
  const sec = g.facet(security);
  const svc = g.services.all().find((s) => s.name === 'db')!;
  const got = svc.ports.map((p) => sec.backends(svc, p).map((b) => `${p.port}->${b.port} ${b.mtls.mode} captured=${b.captured}`)).flat();
  assert.equal(got, ['15432->5432 DISABLE captured=true', '80->9000 PERMISSIVE captured=false']);
});

mtls.run();

const tls = suite('security facet: client TLS');

const DR = `
apiVersion: v1
kind: Service
metadata: {name: db, namespace: legacy}
spec:
  selector: {app: db}
  ports: [{name: tcp-pg, port: 5432}, {name: http, port: 80, targetPort: 9000}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: db, namespace: legacy}
spec:
  host: db
  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL}
    portLevelSettings: [{port: {number: 5432}, tls: {mode: DISABLE}}]
  subsets:
  - name: v2
    labels: {version: v2}
    trafficPolicy: {tls: {mode: SIMPLE}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: mesh, namespace: istio-system}
spec:
  host: "*.local"
  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}
`;

tls('settings apply subset port > subset > port > top, and a host rule shadows the mesh-wide one', () => {
  const g = graphOf(PAS + DR + deploy('legacy', 'db') + deploy('shop', 'web') + `---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{name: http, port: 8080}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db2, namespace: legacy}
spec:
  template:
    metadata: {labels: {app: db, version: v2}}
    spec: {containers: [{name: pg, image: pg:1}]}
`);
  const sec = g.facet(security);
  const db = g.routing.destinationRules.find((d) => d.name === 'db')!;
  const settings = sec.clientTls(db);
  assert.equal(settings.map((c) => `${c.mode} ${c.port ?? '-'} ${c.subset ?? '-'} ${c.pointer}`), [
    'ISTIO_MUTUAL - - /spec/trafficPolicy/tls/mode',
    'DISABLE 5432 - /spec/trafficPolicy/portLevelSettings/0/tls/mode',
    'SIMPLE - v2 /spec/subsets/0/trafficPolicy/tls/mode',
  ]);
  assert.is(clientTlsFor(settings, 5432)?.mode, 'DISABLE');
  assert.is(clientTlsFor(settings, 80)?.mode, 'ISTIO_MUTUAL');
  assert.is(clientTlsFor(settings, 5432, 'v2')?.mode, 'SIMPLE');
  const top = sec.tlsTargets(settings[0]).map((t) => `${t.service.name}:${t.port.port} ${t.backends.map((b) => b.workload.name).join(',')}`);
  assert.equal(top, ['db:80 db,db2']);
  assert.equal(sec.tlsTargets(settings[2]).map((t) => `${t.service.name}:${t.port.port} ${t.backends.map((b) => b.workload.name).join(',')}`), ['db:5432 db2', 'db:80 db2']);
  const mesh = g.routing.destinationRules.find((d) => d.name === 'mesh')!;
  assert.equal(sec.tlsTargets(sec.clientTls(mesh)[0]).map((t) => `${t.service.name}:${t.port.port}`), ['web:8080']);
});

tls('request authentications apply from the workload namespace and the root namespace', () => {
  const g = graphOf(deploy('shop', 'web') + `---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: mesh, namespace: istio-system}
spec: {jwtRules: [{issuer: a}]}
---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: web, namespace: shop}
spec: {selector: {matchLabels: {app: web}}, jwtRules: [{issuer: b}]}
---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: other, namespace: shop}
spec: {selector: {matchLabels: {app: other}}, jwtRules: [{issuer: c}]}
`);
  const ras = g.facet(security).requestAuthenticationsFor(workload(g, 'shop', 'web')).map((r) => r.name);
  assert.equal(ras, ['web', 'mesh']);
});

tls.run();
