import { stageRule } from './_stage.ts';

export const unreadableFile = stageRule('unreadable-file', 'load', 'error', {
  summary: 'A file or directory could not be read.',
  description: 'The file exists but reading it failed (for example, permission denied), so nothing in it was checked.',
  fix: 'Make the file readable, or exclude it with --ignore-pattern.',
});

export const binaryFile = stageRule('binary-file', 'load', 'error', {
  summary: 'A file with a manifest extension holds binary data.',
  description: 'The file contains NUL bytes, so it is not YAML or JSON text; it was not read.',
  fix: 'Remove it from the linted paths, or exclude it with --ignore-pattern.',
});

export const invalidEncoding = stageRule('invalid-encoding', 'load', 'error', {
  summary: 'A file is not valid UTF-8.',
  description: 'Kubernetes manifests must be UTF-8 (or UTF-16 with a byte-order mark). The file has bytes that are not, so it was not read.',
  fix: 'Save the file as UTF-8.',
});

export const fileTooLarge = stageRule('file-too-large', 'load', 'error', {
  summary: 'A file is over the size limit.',
  description: 'Files larger than the limit (16 MiB by default) are not read, so a generated dump cannot exhaust memory.',
  fix: 'Raise the limit with --max-file-size, or exclude the file.',
});

export const yamlSyntax = stageRule('yaml-syntax', 'parse', 'error', {
  summary: 'A document is not valid YAML.',
  description: 'kubectl cannot read the document, so it cannot be applied. Other documents in the same file are still checked.',
  fix: 'Correct the YAML at the position shown.',
  bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n',
  good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fixed\n',
});

export const duplicateKey = stageRule('duplicate-key', 'parse', 'error', {
  summary: 'A mapping has the same key twice.',
  description: 'The API server rejects duplicate fields under strict field validation (kubectl\'s default); with it off, the last value silently wins.',
  fix: 'Keep one of the two keys.',
  bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n',
  good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
});

export const aliasLimit = stageRule('alias-limit', 'parse', 'error', {
  summary: 'YAML aliases expand a document to an absurd size.',
  description: 'Nested anchors and aliases (the "billion laughs" pattern) can expand a small file into billions of nodes. Such a document is skipped.',
  fix: 'Write the values out, or use fewer nested aliases.',
});

export const helmTemplate = stageRule('helm-template', 'parse', 'warning', {
  summary: 'A document is an unrendered Helm or Go template.',
  description: 'Text with {{ … }} is a template, not the manifest that will be applied; checking it would report on placeholders. The document is skipped.',
  fix: 'Render the chart and lint the output: helm template . | meshlint -',
  bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n',
  good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: my-release\n',
});

export const invalidDocument = stageRule('invalid-document', 'parse', 'error', {
  summary: 'A document is not a Kubernetes object.',
  description: 'Every document must be a mapping with a string apiVersion and kind; kubectl rejects anything else.',
  fix: 'Add the missing apiVersion or kind.',
  bad: 'kind: ConfigMap\nmetadata:\n  name: a\n',
  good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
});

export const notAManifest = stageRule('not-a-manifest', 'parse', 'info', {
  summary: 'A YAML document is some other YAML, not a Kubernetes object.',
  description: 'It lacks apiVersion or kind and has no metadata, so it is some other YAML file (Helm values, a Chart.yaml, CI configuration, …); it was skipped.',
  fix: 'Exclude such files with --ignore-pattern or the `ignore` list in .meshlint.yaml.',
  bad: 'replicaCount: 2\n',
});

export const unusedSuppression = stageRule('unused-suppression', 'engine', 'warning', {
  summary: 'A meshlint-disable comment suppresses nothing.',
  description: 'A suppression that no longer matches a finding would silently hide a future one, so stale comments are reported.',
  fix: 'Remove the comment, or correct the rule id in it.',
  bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a # meshlint-disable-line vs-route-weights\n',
  good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
});

export const internalError = stageRule('internal-error', 'engine', 'error', {
  summary: 'A meshlint rule failed.',
  description: 'A rule threw an exception. Its other findings may be missing. This is a bug in meshlint; the run exits with status 2.',
  fix: 'Report the message with the input that caused it.',
});
