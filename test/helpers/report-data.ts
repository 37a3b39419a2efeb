import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as assert from 'uvu/assert';
import { makeDiagnostic } from '../../src/core/diagnostic.ts';
import { LineIndex } from '../../src/core/lines.ts';
import type { Diagnostic, Location, ResourceRef, Severity, SourceFile } from '../../src/core/types.ts';
import type { ReportData, ReportEnv, RuleInfo } from '../../src/report/index.ts';

// A small fixed lint result for reporter tests: three files (two in a subdirectory), a finding with a
// related location in another file, an info, a multi-line range, and scanned text carrying ESC, a C1 CSI,
// a newline and U+2028 in both a message and a source line.

export const VS = `apiVersion: networking.istio.io/v1
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
`;

export const DR = `apiVersion: networking.istio.io/v1
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

export const PA = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: bookinfo
spec:
  mtls: # \u001b[2J\u001b]0;owned\u0007
    mode: STRICT
`;

export const HOSTILE = 'Caller "ratings\u001b[2J" has no sidecar and is refused by STRICT mTLS\n::error::forged \u009b31m\u2028';

export const RULES: RuleInfo[] = [
  {
    id: 'pa-strict-without-sidecar',
    severity: 'warning',
    category: 'security',
    summary: 'STRICT mutual TLS refuses callers that have no sidecar.',
    description: 'A PeerAuthentication in STRICT mode accepts only mTLS traffic, so a workload without an Envoy sidecar cannot call the workloads it selects.',
    fix: 'Inject a sidecar into the caller, or use PERMISSIVE mode while migrating.',
    bad: 'kind: PeerAuthentication\nspec:\n  mtls:\n    mode: STRICT\n',
    good: 'kind: PeerAuthentication\nspec:\n  mtls:\n    mode: PERMISSIVE\n',
    codes: {},
  },
  {
    id: 'vs-host-short-name',
    severity: 'info',
    category: 'hygiene',
    summary: 'Short host names resolve in the namespace of the VirtualService.',
    description: 'A short name such as `reviews` means reviews.<namespace>.svc.cluster.local, which changes if the resource moves.',
    codes: {},
  },
  {
    id: 'vs-subset-not-found',
    severity: 'error',
    category: 'correctness',
    summary: 'A route names a subset that no DestinationRule defines.',
    description: 'Envoy has no cluster for the subset, so requests routed to it fail with HTTP 503 (NR).',
    fix: 'Add the subset to the DestinationRule for the host, or route to a subset it defines.',
    bad: 'kind: VirtualService\n# ``` a fence in the example\n',
    good: 'kind: VirtualService\n',
    codes: { istio: 'IST0101', istioAnalyzer: 'virtualservice.DestinationRuleAnalyzer', kiali: 'KIA1107' },
  },
];

const ref = (kind: string, name: string, apiVersion: string): ResourceRef => ({ apiVersion, kind, namespace: 'bookinfo', name });
const VS_REF = ref('VirtualService', 'reviews', 'networking.istio.io/v1');
const DR_REF = ref('DestinationRule', 'reviews', 'networking.istio.io/v1');
const PA_REF = ref('PeerAuthentication', 'default', 'security.istio.io/v1');

export function at(file: string, text: string, line: number, column: number, endLine = line, endColumn = column + 1, pointer?: string): Location {
  const idx = new LineIndex(text);
  const off = (l: number, c: number) => idx.lineStart(l) + c - 1;
  const pos = (l: number, c: number) => ({ line: l, column: c, offset: off(l, c) });
  return { file, range: { start: pos(line, column), end: pos(endLine, endColumn) }, ...(pointer ? { pointer } : {}) };
}

export function diagnostics(): Diagnostic[] {
  return [
    makeDiagnostic({ ruleId: 'vs-host-short-name', severity: 'info', message: 'Short host "reviews" means "reviews.bookinfo.svc.cluster.local"', location: at('mesh/reviews/vs.yaml', VS, 8, 5, 8, 12, '/spec/hosts/0'), resource: VS_REF }),
    makeDiagnostic({
      ruleId: 'vs-subset-not-found',
      severity: 'error',
      message: 'Subset "v3" is not defined in DestinationRule "bookinfo/reviews": requests to it fail with 503',
      location: at('mesh/reviews/vs.yaml', VS, 13, 17, 13, 19, '/spec/http/0/route/0/destination/subset'),
      resource: VS_REF,
      codes: { istio: 'IST0101', istioAnalyzer: 'virtualservice.DestinationRuleAnalyzer', kiali: 'KIA1107' },
      related: [{ message: 'DestinationRule bookinfo/reviews defines v1', location: at('mesh/reviews/dr.yaml', DR, 8, 3, 11, 18, '/spec/subsets'), resource: DR_REF }],
      fix: 'Add subset "v3" to DestinationRule bookinfo/reviews',
    }),
    makeDiagnostic({ ruleId: 'pa-strict-without-sidecar', severity: 'warning', message: HOSTILE, location: at('security.yaml', PA, 7, 3, 8, 17, '/spec/mtls'), resource: PA_REF }),
  ];
}

export function reportData(diags: Diagnostic[] = diagnostics(), rules: RuleInfo[] = RULES): ReportData {
  const sources = new Map<string, SourceFile>();
  for (const [path, text] of [['mesh/reviews/vs.yaml', VS], ['mesh/reviews/dr.yaml', DR], ['security.yaml', PA]]) sources.set(path, { path, absPath: `/repo/${path}`, text });
  return {
    diagnostics: diags,
    sources,
    rules,
    summary: { errors: 0, warnings: 0, infos: 0, files: 3, resources: 3, durationMs: 41.6, suppressed: 1 },
    tool: { name: 'meshlint', version: '0.1.0', informationUri: 'https://github.com/meshlint/meshlint' },
  };
}

export function reportEnv(over: Partial<ReportEnv> = {}): ReportEnv {
  return { cwd: '/repo', root: '/repo', color: false, columns: 100, env: {}, ...over };
}

/** `count` findings of one rule and severity in distinct files, for limit tests. */
export function many(count: number, severity: Severity, ruleId = 'vs-subset-not-found', prefix = 'bulk'): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let i = 0; i < count; i++) {
    const file = `${prefix}/${severity}-${String(i).padStart(6, '0')}.yaml`;
    out.push(makeDiagnostic({ ruleId, severity, message: `Finding ${i}`, location: at(file, VS, 13, 17, 13, 19, '/spec'), resource: { ...VS_REF, name: `r${i}` } }));
  }
  return out;
}

const ROOT = resolve(import.meta.dirname, '../..');

/** Compares with fixtures/report/<name>; UPDATE_SNAPSHOTS=1 rewrites the file. */
export function snapshot(name: string, actual: string): void {
  const file = join(ROOT, 'fixtures', 'report', name);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  assert.ok(existsSync(file), `fixtures/report/${name} is missing (UPDATE_SNAPSHOTS=1 writes it)`);
  assert.fixture(actual, readFileSync(file, 'utf8'), `snapshot fixtures/report/${name} (UPDATE_SNAPSHOTS=1 rewrites it)`);
}

/** Raw control characters a terminal or log could act on (tab and LF are layout, not content). */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
