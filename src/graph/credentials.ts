import type { MeshGraph } from './index.ts';
import type { IstioGatewayInfo, ServerInfo } from './gateways.ts';
import { mapSelector } from './labels.ts';
import type { SecretSource } from './secrets.ts';
import type { Workload } from './types.ts';

/** A Gateway server's `tls.credentialName`, resolved where the gateway proxy reads it. */
export interface GatewayCredential {
  gateway: IstioGatewayInfo;
  server: ServerInfo;
  /** The first gateway workload: its namespace is where an unqualified credential is looked up. */
  pod: Workload;
  namespace: string;
  name: string;
  source?: SecretSource;
}

/**
 * Every credentialName of every Istio Gateway whose selector matches a workload. `ns/name` names another namespace;
 * a plain name is read from the namespace of the (first) gateway workload, as the gateway proxy reads it.
 */
export function gatewayCredentials(g: MeshGraph): GatewayCredential[] {
  const out: GatewayCredential[] = [];
  for (const gateway of g.gateways.istio) {
    const servers = gateway.servers.filter((s) => typeof s.tls?.credentialName === 'string' && s.tls.credentialName);
    if (!servers.length) continue;
    const pod = g.workloads.select(mapSelector(gateway.selector))[0];
    if (!pod) continue;
    for (const server of servers) {
      const cn: string = server.tls!.credentialName;
      const slash = cn.indexOf('/');
      const namespace = slash < 0 ? pod.namespace : cn.slice(0, slash);
      const name = slash < 0 ? cn : cn.slice(slash + 1);
      out.push({ gateway, server, pod, namespace, name, source: g.secrets.get(namespace, name) });
    }
  }
  return out;
}
