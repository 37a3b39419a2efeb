// Resources cross to the worker as JSON strings of tuples, in batches as the files are parsed: much cheaper than
// structured clone (which writes every key and string in full, in UTF-16), and the worker decodes a batch while
// the lint parses the next. The source texts go along (copying strings is cheap) with each document's span, so
// the worker's resources locate findings themselves. JSON has no NaN or Infinity: a policy sees null for a
// YAML .nan or .inf.
import type { Resource } from '../core/resource.ts';
import type { SourceFile } from '../core/types.ts';
import { DocSpan, ParsedResource } from '../parse/index.ts';

export interface EncodedBatch {
  /** Source files first seen in this batch, in the order they are numbered (after those of earlier batches). */
  files: SourceFile[];
  json: string;
}

/** What the worker cannot derive from the object (name, labels, key… it derives as the parse does). */
type Tuple = [apiVersion: string, kind: string, namespace: string, origin: Resource['namespaceOrigin'], object: unknown, file: number, docIndex: number, itemIndex: number | null, start: number, sliceStart: number, sliceEnd: number];

/** Host side: numbers source files across the batches of one run. */
export class ResourceEncoder {
  private readonly fileIndex = new Map<unknown, number>();

  encode(resources: readonly Resource[]): EncodedBatch {
    const files: SourceFile[] = [];
    const indexOf = (key: unknown, file: SourceFile) => {
      let i = this.fileIndex.get(key);
      if (i === undefined) {
        this.fileIndex.set(key, (i = this.fileIndex.size));
        files.push({ path: file.path, absPath: file.absPath, text: file.text });
      }
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
}

/** Worker side: the same data and order as the lint's resources, located in the same texts. */
export class ResourceDecoder {
  private readonly files: SourceFile[] = [];
  readonly resources: Resource[] = [];

  add({ files, json }: EncodedBatch): void {
    for (const f of files) this.files.push(f);
    for (const [apiVersion, kind, namespace, namespaceOrigin, object, f, docIndex, itemIndex, start, sliceStart, sliceEnd] of JSON.parse(json) as Tuple[]) {
      this.resources.push(new ParsedResource({ object: object as Record<string, any>, apiVersion, kind, namespace, namespaceOrigin, span: new DocSpan(this.files[f], start, sliceStart, sliceEnd), docIndex, itemIndex: itemIndex ?? undefined }));
    }
  }
}
