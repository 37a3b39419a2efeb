// YAML text of the resources the mesh generator writes. Templates rather than a YAML dumper: the output looks
// like hand-written manifests (block style, comments, quoted strings where people quote them), and writing
// 100k resources stays fast.

export interface Svc {
  name: string;
  ns: string;
  /** Pod-template versions: ['v1'] or ['v1', 'v2']. */
  versions: string[];
  /** URLs this service calls (env vars). */
  calls: string[];
  /** Principals allowed to call it. */
  callers: string[];
}

export const PORT = 8080;
export const GATEWAY_SA = 'istio-ingressgateway-service-account';
export const principal = (ns: string, sa: string) => `cluster.local/ns/${ns}/sa/${sa}`;

const envName = (url: string) => url.replace(/^https?:\/\//, '').split(/[.:/]/)[0].toUpperCase().replace(/-/g, '_') + '_URL';

export function namespace(name: string, injected: boolean, team: string): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels:
    team: ${team}${injected ? '\n    istio-injection: enabled' : ''}
`;
}

export function peerAuthentication(ns: string, mode: 'STRICT' | 'PERMISSIVE'): string {
  return `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: ${ns}
spec:
  mtls:
    mode: ${mode}
`;
}

export function sidecar(ns: string, imports: readonly string[]): string {
  const hosts = ['./*', 'istio-system/*', ...imports.map((n) => `${n}/*`)];
  return `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata:
  name: default
  namespace: ${ns}
spec:
  egress:
  - hosts:
${hosts.map((h) => `    - "${h}"`).join('\n')}
  outboundTrafficPolicy:
    mode: REGISTRY_ONLY
`;
}

export function serviceEntry(ns: string, host: string): string {
  return `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: partner-api
  namespace: ${ns}
spec:
  hosts:
  - ${host}
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
  - number: 443
    name: https
    protocol: HTTPS
`;
}

export function serviceAccount(name: string, ns: string): string {
  return `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  namespace: ${ns}
`;
}

/** `replicas` is a parameter so a schema error (a string) can be planted. */
export function deployment(s: Pick<Svc, 'name' | 'ns' | 'calls'>, version: string, replicas = '2'): string {
  const env = s.calls.map((u) => `        - name: ${envName(u)}\n          value: "${u}"`).join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${s.name}-${version}
  namespace: ${s.ns}
  labels:
    app: ${s.name}
    version: ${version}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${s.name}
      version: ${version}
  template:
    metadata:
      labels:
        app: ${s.name}
        version: ${version}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "${PORT}"
    spec:
      serviceAccountName: ${s.name}
      securityContext:
        runAsUser: 1000
        runAsNonRoot: true
      containers:
      - name: app
        image: registry.example.com/${s.ns}/${s.name}:1.${version.slice(1)}.0
        ports:
        - name: http
          containerPort: ${PORT}
        env:
        - name: LOG_LEVEL
          value: info
${env}
        readinessProbe:
          httpGet:
            path: /healthz
            port: ${PORT}
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
          limits:
            memory: 256Mi
`.replace(/\n\n/g, '\n');
}

export function service(s: Svc): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${s.name}
  namespace: ${s.ns}
  labels:
    app: ${s.name}
spec:
  selector:
    app: ${s.name}
  ports:
  - name: http
    port: ${PORT}
    targetPort: ${PORT}
`;
}

export interface RouteShape {
  /** Subsets of the default route with their weights (weight omitted for a single destination). */
  split: [subset: string, weight: number][];
  /** Host of the header-matched route (normally the service itself). */
  matchHost: string;
  matchSubset?: string;
}

export function virtualService(s: Svc, r: RouteShape): string {
  const dests = r.split.map(([subset, w]) => `    - destination:\n        host: ${s.name}\n        subset: ${subset}${r.split.length > 1 ? `\n      weight: ${w}` : ''}`).join('\n');
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${s.name}
  namespace: ${s.ns}
spec:
  hosts:
  - ${s.name}
  http:
  - name: canary
    match:
    - headers:
        x-canary:
          exact: "true"
    route:
    - destination:
        host: ${r.matchHost}${r.matchSubset ? `\n        subset: ${r.matchSubset}` : ''}
  - name: default
    route:
${dests}
    retries:
      attempts: 3
      perTryTimeout: 2s
    timeout: 10s
`;
}

export function destinationRule(s: Svc): string {
  const subsets = s.versions.map((v) => `  - name: ${v}\n    labels:\n      version: ${v}`).join('\n');
  return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${s.name}
  namespace: ${s.ns}
spec:
  host: ${s.name}
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
    connectionPool:
      http:
        http1MaxPendingRequests: 100
        maxRequestsPerConnection: 10
    outlierDetection:
      consecutive5xxErrors: 5
      interval: 30s
      baseEjectionTime: 60s
  subsets:
${subsets}
`;
}

export function authorizationPolicy(s: Svc): string {
  const from = s.callers.length
    ? `  - from:\n    - source:\n        principals:\n${s.callers.map((p) => `        - ${p}`).join('\n')}\n    to:`
    : `  - to:`;
  return `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${s.name}
  namespace: ${s.ns}
spec:
  selector:
    matchLabels:
      app: ${s.name}
  action: ALLOW
  rules:
${from}
    - operation:
        methods: ["GET", "POST"]
        paths: ["/api/*", "/healthz"]
`;
}

/** An ingress Gateway and the VirtualService that publishes some services of a namespace through it. */
export function publicGateway(ns: string, host: string, selector: string, name = 'public-gateway'): string {
  return `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
    istio: ${selector}
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - ${host}
`;
}

export function publicRoutes(ns: string, host: string, services: readonly string[]): string {
  const routes = services.map((n) => `  - name: ${n}
    match:
    - uri:
        prefix: /${n}/
    route:
    - destination:
        host: ${n}
        subset: v1`).join('\n');
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: public
  namespace: ${ns}
spec:
  hosts:
  - ${host}
  gateways:
  - public-gateway
  http:
${routes}
`;
}

/** The shared ingress gateway in istio-system: in the mesh (istio-proxy container), exposing port 80. */
export function ingressGateway(): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: istio-system
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: istio-ingressgateway
  namespace: istio-system
  labels:
    app: istio-ingressgateway
    istio: ingressgateway
spec:
  replicas: 3
  selector:
    matchLabels:
      istio: ingressgateway
  template:
    metadata:
      labels:
        app: istio-ingressgateway
        istio: ingressgateway
    spec:
      serviceAccountName: ${GATEWAY_SA}
      containers:
      - name: istio-proxy
        image: docker.io/istio/proxyv2:1.24.2
        ports:
        - containerPort: 8080
        - containerPort: 8443
---
apiVersion: v1
kind: Service
metadata:
  name: istio-ingressgateway
  namespace: istio-system
  labels:
    app: istio-ingressgateway
    istio: ingressgateway
spec:
  type: LoadBalancer
  selector:
    istio: ingressgateway
  ports:
  - name: http2
    port: 80
    targetPort: 8080
  - name: https
    port: 443
    targetPort: 8443
`;
}
