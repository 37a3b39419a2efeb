/** Severity of a finding, most severe first in SEVERITIES. */
export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** A point in a source file. Lines and columns are 1-based; columns count UTF-16 code units. */
export interface Position {
  line: number;
  column: number;
  /** 0-based offset into the file text. */
  offset: number;
}

/** A half-open range: `end` is the position just after the last character. */
export interface Range {
  start: Position;
  end: Position;
}

/** Where a finding points: a file and a range in it, plus the JSON pointer of the node when known. */
export interface Location {
  /** Path as the user gave it (relative to the cwd when under it), POSIX separators; '<stdin>' for '-'. */
  file: string;
  range: Range;
  pointer?: string;
}

/** Identity of a Kubernetes object, as reported. */
export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

/** Equivalent codes in the tools users migrate from. */
export interface Codes {
  istio?: string;
  istioAnalyzer?: string;
  kiali?: string;
}

export interface RelatedLocation {
  message: string;
  location: Location;
  resource?: ResourceRef;
}

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  location: Location;
  resource?: ResourceRef;
  codes?: Codes;
  related?: RelatedLocation[];
  /** The smallest change that makes the finding go away, in words. */
  fix?: string;
  /** Stable identity: rule + resource + pointer, independent of line numbers. */
  fingerprint: string;
}

/** A text source that was read: kept so reporters can print code frames. */
export interface SourceFile {
  /** Path for display (see Location.file). */
  path: string;
  /** Absolute path, or '<stdin>'. */
  absPath: string;
  text: string;
}
