import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { policyFilesIn } from '../../src/policy/index.ts';
import { ROOT } from '../helpers/lint.ts';

const types = suite('meshlint/policy type declarations');

/** tsc errors of each file, as `file:line TScode message` (one program for all files: the declarations are parsed once). */
function checkAll(files: string[]): Map<string, string[]> {
  const program = ts.createProgram(files, { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2023, strict: true, noEmit: true, types: [] });
  const out = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const file = d.file?.fileName ?? '';
    if (!out.has(file)) out.set(file, []);
    out.get(file)!.push(`${file}:${at ? at.line + 1 : 0} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  }
  return out;
}

const TYPED = join(ROOT, 'fixtures/policy-sandbox/typed');
const EXAMPLES = policyFilesIn(join(ROOT, 'fixtures/policies'));
const TYPED_FILES = readdirSync(TYPED).map((f) => join(TYPED, f));
const errors = checkAll([...EXAMPLES, ...TYPED_FILES]);
const check = (files: string[]) => files.flatMap((f) => errors.get(f) ?? [`${f}: not checked`]);

types('every fixture was type-checked, and no error is outside them', () => {
  assert.equal([...errors.keys()].sort(), [...EXAMPLES, ...TYPED_FILES].sort());
});

types('the example policies type-check against "meshlint/policy" (package exports)', () => {
  assert.ok(EXAMPLES.length >= 10, EXAMPLES.join('\n'));
  assert.equal(check(EXAMPLES), []);
});

/** The one error tsc reports for a fixture, without its directory. */
function onlyError(file: string): string {
  const found = check([join(TYPED, file)]);
  assert.is(found.length, 1, found.join('\n'));
  return found[0].slice(TYPED.length + 1);
}

types('a wrong field on a typed resource is a type error', () => {
  assert.match(onlyError('wrong-field.policy.ts'), /^wrong-field\.policy\.ts:9 TS2322 .*'string \| undefined' is not assignable to type 'number'/);
});

types('a misspelled field of the kind check receives is a type error', () => {
  assert.match(onlyError('misspelled-field.policy.ts'), /^misspelled-field\.policy\.ts:9 TS2339 Property 'htpp' does not exist on type 'Spec'\.$/);
});

types('ctx answers are typed: a service port is a number', () => {
  assert.match(onlyError('wrong-query-type.policy.ts'), /^wrong-query-type\.policy\.ts:9 TS2322 Type 'number' is not assignable to type 'string'/);
});

types('resources are read-only', () => {
  assert.match(onlyError('frozen.policy.ts'), /^frozen\.policy\.ts:9 TS2540 Cannot assign to 'host' because it is a read-only property/);
});

types('kinds decide the type check receives: narrowing on kind, group-qualified kinds, unknown kinds, typed queries', () => {
  assert.equal(check([join(TYPED, 'narrowing.policy.ts')]), []);
});

types.run();
