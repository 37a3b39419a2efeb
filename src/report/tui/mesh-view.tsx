import { Box } from 'ink';
import { lineWidth, text, truncate, wrapped, type Line } from './lines.ts';
import { LineView } from './line-view.tsx';
import type { MeshHost, MeshSource, TreeNode } from './mesh-types.ts';
import type { Theme } from './theme.ts';

/** Draws a forest with box-drawing branches: `├─`, `└─` and `│` guides. */
export function treeLines(nodes: readonly TreeNode[], prefix = ''): Line[] {
  const out: Line[] = [];
  nodes.forEach((node, i) => {
    const last = i === nodes.length - 1;
    out.push([text(prefix + (last ? '└─ ' : '├─ '), 'muted'), ...node.label]);
    out.push(...treeLines(node.children, prefix + (last ? '   ' : '│  ')));
  });
  return out;
}

export function routeLines(mesh: MeshSource, host: string, width: number): Line[] {
  const lines: Line[] = [[text(host, 'heading')], ...treeLines(mesh.tree(host))];
  if (mesh.note) lines.push([], ...wrapped(mesh.note, width, 'muted'));
  return lines;
}

function hostLine(h: MeshHost, width: number, selected: boolean): Line {
  const right: Line = [text(h.summary, 'muted'), ...(h.missing ? [text(`  ✖ ${h.missing} missing`, 'missing')] : [])];
  const room = Math.max(10, width - 4 - lineWidth(right));
  const name = truncate(h.host, room);
  return [text(selected ? '› ' : '  ', 'accent'), text(name, selected ? 'heading' : undefined), text(' '.repeat(Math.max(2, room - name.length + 2))), ...right];
}

export interface HostListProps {
  readonly mesh: MeshSource | undefined;
  readonly cursor: number;
  readonly top: number;
  readonly height: number;
  readonly width: number;
  readonly theme: Theme;
}

export function HostList({ mesh, cursor, top, height, width, theme }: HostListProps) {
  if (!mesh?.hosts.length) {
    const why = mesh ? 'No hosts: no Service, VirtualService or Gateway was loaded' : 'The mesh model is not available for this run';
    return (
      <Box height={height}>
        <LineView line={[text(why, 'muted')]} theme={theme} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {mesh.hosts.slice(top, top + height).map((h, i) => (
        <LineView key={top + i} line={hostLine(h, width, top + i === cursor)} theme={theme} selected={top + i === cursor} />
      ))}
    </Box>
  );
}
