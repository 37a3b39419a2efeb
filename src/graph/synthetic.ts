import { fileLocation } from '../core/diagnostic.ts';
import type { Resource } from '../core/resource.ts';
import type { Location } from '../core/types.ts';
import type { MeshConfig } from './mesh-config.ts';

/** File name of objects meshlint assumes rather than reads. Rules never report on them. */
export const SYNTHETIC_FILE = '<mesh defaults>';

/** A resource that exists in every mesh without being in the inputs (the default ingress gateway). */
export function syntheticResource(apiVersion: string, kind: string, namespace: string, name: string, object: Record<string, any>): Resource {
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const metadata = object.metadata ?? {};
  const here = (pointer: string): Location => ({ ...fileLocation(SYNTHETIC_FILE), pointer });
  return {
    apiVersion,
    group,
    version: apiVersion.slice(slash + 1),
    kind,
    name,
    namespace,
    namespaceOrigin: 'explicit',
    labels: metadata.labels ?? {},
    annotations: metadata.annotations ?? {},
    object: { apiVersion, kind, ...object, metadata: { ...metadata, name, namespace } },
    key: `${group}/${kind}/${namespace}/${name}`,
    ref: { apiVersion, kind, namespace, name },
    file: SYNTHETIC_FILE,
    docIndex: 0,
    location: () => here(''),
    locate: here,
    locateKey: here,
  };
}

/**
 * The ingress gateway `istioctl analyze` assumes (unless MeshConfig turns ingress off): a Pod labelled
 * `istio: ingressgateway` and its Service with ports 80, 443, 31400 and 15443 in the Istio namespace.
 */
export function defaultIngress(mesh: MeshConfig): { pod: Resource; service: Resource } | undefined {
  if (mesh.ingressControllerMode === 'OFF') return undefined;
  const ns = mesh.istioNamespace;
  const labels = { istio: mesh.ingressSelector };
  const pod = syntheticResource('v1', 'Pod', ns, `${mesh.ingressService}-dummypod`, {
    metadata: { labels },
    spec: { containers: [{ name: 'istio-proxy' }] },
  });
  const port = (name: string, n: number) => ({ name, port: n, targetPort: n, protocol: 'TCP' });
  const service = syntheticResource('v1', 'Service', ns, mesh.ingressService, {
    metadata: { labels },
    spec: { selector: labels, ports: [port('http2', 80), port('https', 443), port('tcp', 31400), port('tls', 15443)] },
  });
  return { pod, service };
}
