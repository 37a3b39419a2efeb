import { makeDiagnostic } from '../../src/core/diagnostic.ts';
import { LineIndex } from '../../src/core/lines.ts';
import type { Diagnostic, Location, ResourceRef, Severity, SourceFile } from '../../src/core/types.ts';
import type { ReportData, RuleInfo } from '../../src/report/index.ts';

// A fixed result for the terminal UI tests: three files, three rules, three severities, two namespaces,
// a finding with a related location in another file, and one without a resource.

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v3
      weight: 60
    - destination:
        host: reviews
        subset: v1
      weight: 50
`;

const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: bookinfo
spec:
  host: reviews
  subsets:
  - name: v1
    labels:
      version: v1
`;

const GW = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
  namespace: istio-system
spec:
  selector:
    istio: ingress
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
  broken: [
`;

export const SOURCES: SourceFile[] = [
  { path: 'mesh/reviews-vs.yaml', absPath: '/repo/mesh/reviews-vs.yaml', text: VS },
  { path: 'mesh/reviews-dr.yaml', absPath: '/repo/mesh/reviews-dr.yaml', text: DR },
  { path: 'mesh/gateway.yaml', absPath: '/repo/mesh/gateway.yaml', text: GW },
];

export const RULES: RuleInfo[] = [
  { id: 'subset-not-found', severity: 'error', category: 'correctness', summary: 'A route names a subset that no DestinationRule defines.', description: 'Envoy has no cluster for the subset, so requests routed to it fail with HTTP 503.', fix: 'Define the subset in the DestinationRule of the host.', codes: { istio: 'IST0101', kiali: 'KIA1107' } },
  { id: 'vs-route-weights', severity: 'warning', category: 'correctness', summary: 'Route weights must add up to 100.', description: 'Istio treats weights as relative shares.', fix: 'Adjust the weights so they add up to 100.', codes: {} },
  { id: 'yaml-syntax', severity: 'error', category: 'input', summary: 'The file is not valid YAML.', description: 'Nothing in the document can be checked.', codes: {} },
];

/** Location of `needle` (its `nth` occurrence) in a source, 1-based, end exclusive. */
export function at(file: string, needle: string, nth = 0, pointer?: string): Location {
  const source = SOURCES.find((s) => s.path === file)!;
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = source.text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`${needle} not in ${file}`);
  const idx = new LineIndex(source.text);
  return { file, range: idx.range(offset, offset + needle.length), ...(pointer ? { pointer } : {}) };
}

const VS_REF: ResourceRef = { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', namespace: 'bookinfo', name: 'reviews' };
const DR_REF: ResourceRef = { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', namespace: 'bookinfo', name: 'reviews' };

export const DIAGNOSTICS: Diagnostic[] = [
  makeDiagnostic({ ruleId: 'yaml-syntax', severity: 'error', message: 'Unexpected end of the flow sequence', location: at('mesh/gateway.yaml', '[\n') }),
  makeDiagnostic({ ruleId: 'subset-not-found', severity: 'error', message: 'Subset "v3" is not defined in DestinationRule bookinfo/reviews', location: at('mesh/reviews-vs.yaml', 'v3', 0, '/spec/http/0/route/0/destination/subset'), resource: VS_REF, codes: { istio: 'IST0101', kiali: 'KIA1107' }, related: [{ message: 'DestinationRule bookinfo/reviews defines v1', location: at('mesh/reviews-dr.yaml', 'subsets'), resource: DR_REF }], fix: 'Add subset "v3" to DestinationRule bookinfo/reviews' }),
  makeDiagnostic({ ruleId: 'vs-route-weights', severity: 'warning', message: 'Route weights add up to 110, not 100', location: at('mesh/reviews-vs.yaml', '60', 0, '/spec/http/0/route/0/weight'), resource: VS_REF, fix: 'Adjust the weights so they add up to 100.' }),
  makeDiagnostic({ ruleId: 'vs-route-weights', severity: 'info', message: 'Weight 50 is given as a share of 110', location: at('mesh/reviews-vs.yaml', '50', 0, '/spec/http/0/route/1/weight'), resource: VS_REF }),
];

export function reportData(diagnostics: Diagnostic[] = DIAGNOSTICS, sources: SourceFile[] = SOURCES): ReportData {
  return {
    diagnostics,
    sources: new Map(sources.map((s) => [s.path, s])),
    rules: RULES,
    summary: { errors: 0, warnings: 0, infos: 0, files: sources.length, resources: 3, durationMs: 12, suppressed: 0 },
    tool: { name: 'meshlint', version: '0.0.0', informationUri: 'https://example.invalid' },
  };
}

/** `n` findings over n/2 files, severities in turn: enough to show that the list renders only what fits. */
export function manyFindings(n: number): ReportData {
  const sources: SourceFile[] = [];
  const diags: Diagnostic[] = [];
  const severities: Severity[] = ['error', 'warning', 'info'];
  for (let i = 0; i < n; i += 2) {
    const path = `mesh/svc${String(i / 2).padStart(4, '0')}.yaml`;
    sources.push({ path, absPath: `/repo/${path}`, text: 'kind: VirtualService\nspec:\n  weight: 60\n  other: 70\n' });
    for (const line of [3, 4].slice(0, Math.min(2, n - i))) {
      const k = diags.length;
      const p = { line, column: 11, offset: 0 };
      diags.push(makeDiagnostic({ ruleId: 'vs-route-weights', severity: severities[k % 3], message: `Finding number ${k}`, location: { file: path, range: { start: p, end: { ...p, column: 13 } } }, discriminator: String(k) }));
    }
  }
  return reportData(diags, sources);
}
