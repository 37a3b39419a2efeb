import { lineIndexOf } from '../core/lines.ts';
import type { ImplicitScalar, NamespaceOrigin, Resource } from '../core/resource.ts';
import type { Location, ResourceRef, SourceFile } from '../core/types.ts';
import { findNode, buildPositions, type PosNode } from './locate.ts';
import { quickLocate } from './quick-locate.ts';
import { splitApiVersion } from './kinds.ts';

/** Where one document sits in its file; its position tree is built on first use. */
export class DocSpan {
  private tree: PosNode | null | undefined;
  constructor(
    readonly file: SourceFile,
    readonly start: number,
    readonly sliceStart: number,
    readonly sliceEnd: number,
  ) {}

  positions(): PosNode | undefined {
    if (this.tree === undefined) this.tree = buildPositions(this.file.text, this.start, this.sliceStart, this.sliceEnd) ?? null;
    return this.tree ?? undefined;
  }

  location(start: number, end: number, pointer?: string): Location {
    const loc: Location = { file: this.file.path, range: lineIndexOf(this.file).range(start, end) };
    if (pointer !== undefined) loc.pointer = pointer;
    return loc;
  }

  /** Location of the node at `pointer` (closest existing parent when absent). */
  locate(pointer: string, key = false): Location {
    // Without a position tree yet, most documents can be read by their indentation instead of parsed again.
    const quick = this.tree === undefined ? quickLocate(this.file.text, this.start, this.sliceEnd, pointer) : undefined;
    if (quick) return this.at(quick, quick.exact, key, pointer);
    const root = this.positions();
    if (!root) return this.location(this.start, this.start, pointer);
    const { node, exact } = findNode(root, pointer);
    return this.at(node, exact, key, pointer);
  }

  private at(node: Pick<PosNode, 'start' | 'end' | 'keyStart' | 'keyEnd'>, exact: boolean, key: boolean, pointer: string): Location {
    // A missing field is reported at the key of its closest parent: `spec:` reads better than its first child.
    if ((key || !exact) && node.keyStart >= 0) return this.location(node.keyStart, node.keyEnd, pointer);
    return this.location(node.start, firstLineEnd(this.file.text, node.start, node.end), pointer);
  }
}

/** Multi-line nodes are reported by their first line, so frames and annotations stay small. */
function firstLineEnd(text: string, start: number, end: number): number {
  const nl = text.indexOf('\n', start);
  if (nl < 0 || nl >= end) return end;
  return text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
}

export interface ResourceInit {
  object: Record<string, any>;
  apiVersion: string;
  kind: string;
  namespace: string;
  namespaceOrigin: NamespaceOrigin;
  span: DocSpan;
  docIndex: number;
  itemIndex?: number;
  implicitScalars?: ImplicitScalar[];
}

export class ParsedResource implements Resource {
  readonly apiVersion: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly namespaceOrigin: NamespaceOrigin;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly object: any;
  readonly key: string;
  readonly ref: ResourceRef;
  readonly file: string;
  readonly docIndex: number;
  readonly itemIndex?: number;
  readonly implicitScalars?: ImplicitScalar[];
  private readonly span: DocSpan;
  private readonly prefix: string;

  /** The document this resource is (or is an item of). */
  get docSpan(): DocSpan {
    return this.span;
  }

  constructor(init: ResourceInit) {
    const meta = isMap(init.object.metadata) ? init.object.metadata : {};
    const { group, version } = splitApiVersion(init.apiVersion);
    this.apiVersion = init.apiVersion;
    this.group = group;
    this.version = version;
    this.kind = init.kind;
    this.name = typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? meta.generateName : '';
    this.namespace = init.namespace;
    this.namespaceOrigin = init.namespaceOrigin;
    this.labels = stringMap(meta.labels);
    this.annotations = stringMap(meta.annotations);
    this.object = init.object;
    this.key = `${group}/${init.kind}/${init.namespace}/${this.name}`;
    this.ref = { apiVersion: init.apiVersion, kind: init.kind, namespace: init.namespace, name: this.name };
    this.file = init.span.file.path;
    this.docIndex = init.docIndex;
    if (init.itemIndex !== undefined) this.itemIndex = init.itemIndex;
    if (init.implicitScalars) this.implicitScalars = init.implicitScalars;
    this.span = init.span;
    this.prefix = init.itemIndex === undefined ? '' : `/items/${init.itemIndex}`;
  }

  location(): Location {
    if (this.prefix) return this.withPointer(this.span.locate(this.prefix), '');
    return this.span.location(this.span.start, firstLineEnd(this.span.file.text, this.span.start, this.span.sliceEnd), '');
  }

  locate(pointer: string): Location {
    return this.withPointer(this.span.locate(this.prefix + pointer), pointer);
  }

  locateKey(pointer: string): Location {
    return this.withPointer(this.span.locate(this.prefix + pointer, true), pointer);
  }

  private withPointer(loc: Location, pointer: string): Location {
    loc.pointer = pointer;
    return loc;
  }
}

export function isMap(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringMap(v: unknown): Record<string, string> {
  if (!isMap(v)) return {};
  let clean = true;
  for (const k in v) if (typeof v[k] !== 'string') clean = false;
  if (clean) return v as Record<string, string>;
  const out: Record<string, string> = {};
  for (const k in v) if (typeof v[k] === 'string') out[k] = v[k];
  return out;
}
