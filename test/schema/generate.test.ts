import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers/lint.ts';

// The generated validators are committed; this proves they are what the upstream data produces.
const DATA = join(ROOT, '../shared/data');
const s = suite('schemas/ is up to date with the upstream data');

if (existsSync(join(DATA, 'istio/crd-all.gen.yaml'))) {
  s('regenerating produces the committed files', async () => {
    const url = pathToFileURL(join(ROOT, 'schemas/generate.mjs')).href;
    const { differences } = (await import(url)) as { differences(dataDir: string): string[] };
    assert.equal(differences(DATA), [], 'run `npm run schemas` and commit the result');
  });
} else {
  s.skip('regenerating produces the committed files (upstream data not present)', () => {});
}
s.run();
