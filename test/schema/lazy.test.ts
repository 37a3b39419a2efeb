import { spawnSync } from 'node:child_process';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers/lint.ts';

// Run in a fresh process: the suites in this one have loaded other kinds already.
const SCRIPT = `
import { lint } from './src/engine/index.ts';
import { rules } from './rules/index.ts';
import { loadedValidators } from './src/schema/catalog.ts';
const text = 'apiVersion: v1\\nkind: Service\\nmetadata: {name: a}\\nspec:\\n  ports: [{port: 80}]\\n';
lint({ cwd: process.cwd(), paths: ['-'], readStdin: () => Buffer.from(text), rules });
console.log(JSON.stringify(loadedValidators()));
`;

const lazy = suite('schema: validators load lazily');
lazy('a run over one Service loads only the Service validator', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], { cwd: ROOT, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout.trim().split('\n').pop()!), ['k8s.core.v1.Service']);
});
lazy.run();
