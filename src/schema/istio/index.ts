import type { Resource } from '../../core/resource.ts';
import type { Finding } from '../finding.ts';
import { isObj, IstioReport } from './common.ts';
import { destinationRule, envoyFilter, gateway, sidecar } from './networking.ts';
import { serviceEntry } from './service-entry.ts';
import { authorizationPolicy, peerAuthentication, requestAuthentication } from './security.ts';
import { virtualService } from './virtual-service.ts';

const VALIDATORS: Record<string, (rep: IstioReport, spec: Record<string, any>) => void> = {
  VirtualService: virtualService,
  DestinationRule: destinationRule,
  Gateway: gateway,
  ServiceEntry: serviceEntry,
  Sidecar: sidecar,
  EnvoyFilter: envoyFilter,
  PeerAuthentication: peerAuthentication,
  AuthorizationPolicy: authorizationPolicy,
  RequestAuthentication: requestAuthentication,
};

const INTERNAL_ANNOTATIONS = ['internal.istio.io/parents', 'internal.istio.io/parent-namespace', 'internal.istio.io/webhook-always-reject'];

/** Istio's own (Go-side) validation of one resource: IST0106 errors and IST0133 warnings, each at its field. */
export function istioFindings(r: Resource, out: Finding[]): void {
  if (!r.group.endsWith('istio.io')) return;
  const rep = new IstioReport(r, out);
  // Metadata problems are reported alone, as Istio does: the kind's own checks are skipped.
  if (metadata(rep)) return;
  const check = VALIDATORS[r.kind];
  if (check && isObj(r.object.spec)) check(rep, r.object.spec);
}

function metadata(rep: IstioReport): boolean {
  const a = rep.r.annotations;
  let bad = false;
  for (const k of INTERNAL_ANNOTATIONS) {
    if (a[k] !== undefined) {
      rep.error(`/metadata/annotations/${k.replace(/\//g, '~1')}`, `annotation ${k} is internal to Istio and cannot be set`, true);
      bad = true;
    }
  }
  const dry = a['istio.io/dry-run'];
  if (dry !== undefined) {
    const at = '/metadata/annotations/istio.io~1dry-run';
    const action = rep.r.object.spec?.action ?? 'ALLOW';
    if (rep.r.kind !== 'AuthorizationPolicy') rep.error(at, 'the istio.io/dry-run annotation is only supported on AuthorizationPolicy', true);
    else if (action !== 'ALLOW' && action !== 'DENY') rep.error(at, `istio.io/dry-run is only supported for ALLOW and DENY policies, not ${action}`, true);
    else if (dry !== 'true' && dry !== 'false') rep.error(at, `istio.io/dry-run must be "true" or "false", got "${dry}"`);
    else return bad;
    bad = true;
  }
  return bad;
}
