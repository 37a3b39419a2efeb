// Resources cross to the worker as one JSON string of tuples: much cheaper than structured clone (which
// writes every key and string in full, in UTF-16). The source texts go along (copying strings is cheap) with
// each document's span, so the worker's resources locate findings themselves, off the lint thread.
// JSON has no NaN or Infinity: a policy sees null for a YAML .nan or .inf.
import type { Resource } from '../core/resource.ts';
import type { SourceFile } from '../core/types.ts';
import { DocSpan, ParsedResource } from '../parse/index.ts';

export interface EncodedResources {
  files: SourceFile[];
  json: string;
}

/** What the worker cannot derive from the object (name, labels, key… it derives as the parse does). */
type Tuple = [apiVersion: string, kind: string, namespace: string, origin: Resource['namespaceOrigin'], object: unknown, file: number, docIndex: number, itemIndex: number | null, start: number, sliceStart: number, sliceEnd: number];

export function encodeResources(resources: readonly Resource[]): EncodedResources {
  const files: SourceFile[] = [];
  const fileIndex = new Map<unknown, number>();
  const indexOf = (key: unknown, file: SourceFile) => {
    let i = fileIndex.get(key);
    if (i === undefined) fileIndex.set(key, (i = files.push({ path: file.path, absPath: file.absPath, text: file.text }) - 1));
    return i;
  };
  const tuples = resources.map((r): Tuple => {
    // Resources not made by the parser have no text: they are located at the top of their file.
    const span = r instanceof ParsedResource ? r.docSpan : undefined;
    const f = span ? indexOf(span.file, span.file) : indexOf(`no text:${r.file}`, { path: r.file, absPath: r.file, text: '' });
    return [r.apiVersion, r.kind, r.namespace, r.namespaceOrigin, r.object, f, r.docIndex, r.itemIndex ?? null, span?.start ?? 0, span?.sliceStart ?? 0, span?.sliceEnd ?? 0];
  });
  return { files, json: JSON.stringify(tuples) };
}

/** The worker's resources: the same data and order as the lint's, located in the same texts. */
export function decodeResources({ files, json }: EncodedResources): Resource[] {
  return (JSON.parse(json) as Tuple[]).map(([apiVersion, kind, namespace, namespaceOrigin, object, f, docIndex, itemIndex, start, sliceStart, sliceEnd]) =>
    new ParsedResource({ object: object as Record<string, any>, apiVersion, kind, namespace, namespaceOrigin, span: new DocSpan(files[f], start, sliceStart, sliceEnd), docIndex, itemIndex: itemIndex ?? undefined }));
}
