import { join } from 'node:path';
import ts from 'typescript';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { policyFilesIn } from '../../src/policy/index.ts';
import { ROOT } from '../helpers/lint.ts';

const types = suite('meshlint/policy type declarations');

function check(files: string[]): string[] {
  const program = ts.createProgram(files, { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2023, strict: true, noEmit: true, types: [] });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return `${d.file?.fileName ?? ''}:${at ? at.line + 1 : 0} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

types('the example policies type-check against "meshlint/policy" (package exports)', () => {
  assert.equal(check(policyFilesIn(join(ROOT, 'fixtures/policies'))), []);
});

types('a wrong field on a typed resource is a type error', () => {
  const found = check([join(ROOT, 'fixtures/policy-sandbox/typed/wrong-field.policy.ts')]);
  assert.is(found.length, 1, found.join('\n'));
  assert.match(found[0], /wrong-field\.policy\.ts:9 .*'string \| undefined' is not assignable to type 'number'/);
});

types.run();
