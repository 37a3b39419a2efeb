// VirtualService match blocks (HTTPMatchRequest, TCP/TLS matches) in one line: `uri prefix /api, header x-user=jason`.
// Blocks are ORed, conditions inside a block ANDed, as Istio evaluates them.

const isMap = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{prefix: /api}` → `prefix /api`; `{exact: GET}` → `GET`. */
function stringMatch(v: unknown): string {
  if (!isMap(v)) return String(v);
  const [kind, value] = Object.entries(v)[0] ?? ['', ''];
  return kind === 'exact' ? String(value) : `${kind} ${String(value)}`;
}

function mapMatches(label: string, v: unknown): string[] {
  if (!isMap(v)) return [];
  return Object.entries(v).map(([k, m]) => (isMap(m) && Object.keys(m).length ? `${label} ${k} ${stringMatch(m)}` : `${label} ${k}`));
}

function blockText(m: Record<string, any>): string {
  const parts: string[] = [];
  for (const key of ['uri', 'scheme', 'method', 'authority']) if (m[key] !== undefined) parts.push(`${key} ${stringMatch(m[key])}`);
  parts.push(...mapMatches('header', m.headers), ...mapMatches('query', m.queryParams), ...mapMatches('without header', m.withoutHeaders));
  if (m.port !== undefined) parts.push(`port ${m.port}`);
  if (Array.isArray(m.sniHosts)) parts.push(`sni ${m.sniHosts.join(' ')}`);
  if (Array.isArray(m.destinationSubnets)) parts.push(`subnet ${m.destinationSubnets.join(' ')}`);
  if (isMap(m.sourceLabels)) parts.push(`from ${Object.entries(m.sourceLabels).map(([k, v]) => `${k}=${v}`).join(',')}`);
  if (typeof m.sourceNamespace === 'string') parts.push(`from namespace ${m.sourceNamespace}`);
  if (Array.isArray(m.gateways)) parts.push(`via ${m.gateways.join(' ')}`);
  return parts.join(', ');
}

/** '' when there is no match (the route takes every request). */
export function matchText(match: unknown): string {
  if (!Array.isArray(match)) return '';
  const blocks = match.filter(isMap).map(blockText).filter(Boolean);
  return blocks.length ? `match ${blocks.join(' or ')}` : '';
}

/** `{type: PathPrefix, value: /api}` → `path prefix /api`; a list of `{name, value}` → `header x=1`. */
function gatewayApiBlock(m: Record<string, any>): string {
  const parts: string[] = [];
  const kind = (type: unknown, exact: string) => (typeof type !== 'string' || type === exact ? '' : `${type.replace(/^Path/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} `);
  if (isMap(m.path)) parts.push(`path ${kind(m.path.type ?? 'PathPrefix', 'Exact')}${String(m.path.value ?? '/')}`);
  if (typeof m.method === 'string') parts.push(`method ${m.method}`);
  if (isMap(m.method)) parts.push(`method ${[m.method.service, m.method.method].filter((x) => typeof x === 'string').join('/')}`);
  for (const [label, list] of [['header', m.headers], ['query', m.queryParams]] as const) {
    if (Array.isArray(list)) for (const h of list.filter(isMap)) parts.push(`${label} ${String(h.name)} ${kind(h.type, 'Exact')}${String(h.value)}`.replace(/ $/, ''));
  }
  return parts.join(', ');
}

/** Gateway API `matches` (HTTPRoute, GRPCRoute): '' when there is none; entries are ORed, fields in one ANDed. */
export function gatewayApiMatchText(matches: unknown): string {
  if (!Array.isArray(matches)) return '';
  const blocks = matches.filter(isMap).map(gatewayApiBlock).filter(Boolean);
  return blocks.length ? `match ${blocks.join(' or ')}` : '';
}
