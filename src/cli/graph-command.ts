import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lint } from '../engine/index.ts';
import { graphView, type GraphView, type ViewNode } from '../graph/view.ts';
import { UsageError } from './args.ts';
import type { Io } from './main.ts';

const OPTIONS = {
  'mesh-config': { type: 'string' },
  'mesh-networks': { type: 'string' },
  'output-file': { type: 'string', short: 'o' },
  'ignore-pattern': { type: 'string', multiple: true },
  namespace: { type: 'string', short: 'n' },
} as const;

/** `meshlint graph [PATH ...] --format dot|mermaid|json`: the mesh model for people to look at. */
export function runGraph(format: 'dot' | 'mermaid' | 'json', rest: readonly string[], io: Io): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e: any) {
    throw new UsageError(`meshlint graph: ${e?.message ?? e}`);
  }
  const v = parsed.values;
  const paths = parsed.positionals.length ? parsed.positionals : ['.'];
  const result = lint({ cwd: io.cwd, paths, rules: [], meshConfigFile: v['mesh-config'], meshNetworksFile: v['mesh-networks'], ignore: v['ignore-pattern'], defaultNamespace: v.namespace, readStdin: io.readStdin });
  if (result.missing.length) {
    io.stderr.write(result.missing.map((m) => `meshlint: no such file or directory: ${m}\n`).join(''));
    return 2;
  }
  const view = graphView(result.graph);
  const text = format === 'json' ? renderJson(view) : format === 'mermaid' ? renderMermaid(view) : renderDot(view);
  if (v['output-file']) writeFileSync(resolve(io.cwd, v['output-file']), text);
  else io.stdout.write(text);
  return 0;
}

export function renderJson(view: GraphView): string {
  return JSON.stringify({ version: 1, ...view }, null, 2) + '\n';
}

const SHAPES: Readonly<Record<string, string>> = { Gateway: 'house', VirtualService: 'box', HTTPRoute: 'box', GRPCRoute: 'box', TCPRoute: 'box', TLSRoute: 'box', Service: 'ellipse', ServiceEntry: 'ellipse', Subset: 'diamond' };
const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Graphviz: one cluster per namespace; missing targets red and dashed, unknown ones grey and dotted. */
export function renderDot(view: GraphView): string {
  const lines = ['digraph mesh {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=9];'];
  const byNs = new Map<string, ViewNode[]>();
  for (const n of view.nodes) {
    const list = byNs.get(n.namespace ?? '');
    if (list) list.push(n);
    else byNs.set(n.namespace ?? '', [n]);
  }
  let i = 0;
  for (const [ns, nodes] of [...byNs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const indent = ns ? '    ' : '  ';
    if (ns) lines.push(`  subgraph cluster_${i++} {`, `    label=${quote(`namespace ${ns}`)};`, '    style=rounded; color=gray70;');
    for (const n of nodes) {
      const style = n.state === 'missing' ? ', color=red, fontcolor=red, style=dashed' : n.state === 'unknown' ? ', color=gray50, fontcolor=gray40, style=dotted' : n.synthetic ? ', style=dashed' : '';
      lines.push(`${indent}${quote(n.id)} [label=${quote(n.label)}, shape=${n.state ? 'note' : SHAPES[n.kind] ?? 'component'}${style}];`);
    }
    if (ns) lines.push('  }');
  }
  for (const e of view.edges) {
    const style = e.state === 'missing' ? ', color=red, style=dashed' : e.state === 'unknown' ? ', color=gray50, style=dotted' : '';
    lines.push(`  ${quote(e.from)} -> ${quote(e.to)} [label=${quote(e.kind)}${style}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** Mermaid flowchart (renders in GitHub markdown): missing targets in the `missing` class. */
export function renderMermaid(view: GraphView): string {
  const ids = new Map(view.nodes.map((n, i) => [n.id, `n${i}`]));
  const text = (s: string) => `"${s.replace(/"/g, '#quot;')}"`;
  const lines = ['flowchart LR'];
  for (const n of view.nodes) {
    const id = ids.get(n.id)!;
    const shape = n.kind === 'Subset' ? `{${text(n.label)}}` : n.kind === 'Service' || n.kind === 'ServiceEntry' ? `([${text(n.label)}])` : `[${text(n.label)}]`;
    lines.push(`  ${id}${shape}${n.state ? `:::${n.state}` : ''}`);
  }
  for (const e of view.edges) lines.push(`  ${ids.get(e.from)} ${e.state === 'resolved' ? '-->' : '-.->'}|${e.kind}| ${ids.get(e.to)}`);
  lines.push('  classDef missing stroke:#d00,color:#d00,stroke-dasharray:4 3;', '  classDef unknown stroke:#888,color:#666,stroke-dasharray:2 2;');
  return lines.join('\n') + '\n';
}
