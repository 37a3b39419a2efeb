// How a file is cut for parsing. A big file is parsed in groups of documents, so that only one group's events
// are in memory at once; a file that fails to parse is parsed again document by document.

const DOC_MARKER = /^(---|\.\.\.)(?=[ \t\r\n]|$)/gm;
/** Files above this size are parsed in groups of documents. */
const WHOLE_FILE_LIMIT = 1024 * 1024;
/**
 * Size of a group. Small groups keep the parser's short-lived objects in the young generation, where they cost
 * little to collect (64 KB measured fastest; 1 MB and more take 50% longer); far smaller ones add calls.
 */
const GROUP_SIZE = 64 * 1024;

/** [start, end) of each document, split on `---` / `...` lines; for big files, and files that fail to parse whole. */
export function documentChunks(text: string): [number, number][] {
  const cuts = [0];
  for (const m of text.matchAll(DOC_MARKER)) if (m.index! > 0) cuts.push(m.index!);
  cuts.push(text.length);
  const chunks: [number, number][] = [];
  for (let i = 0; i + 1 < cuts.length; i++) chunks.push([cuts[i], cuts[i + 1]]);
  return chunks;
}

/** The ranges a file is parsed in: the whole file, or consecutive documents in runs of about GROUP_SIZE. */
export function fileUnits(text: string): [number, number][] {
  if (text.length <= WHOLE_FILE_LIMIT) return [[0, text.length]];
  const groups: [number, number][] = [];
  let start = 0;
  for (const [, end] of documentChunks(text)) {
    if (end - start < GROUP_SIZE && end < text.length) continue;
    groups.push([start, end]);
    start = end;
  }
  return groups;
}
