// Bundles the CLI into one file: a single module loads much faster than hundreds.
// ink/react (terminal UI) and the TypeScript parser (policies) stay external and load only when used.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const options = {
  // The policy worker is its own entry: policies run in a worker thread (src/policy/host.ts).
  entryPoints: { meshlint: 'src/cli/entry.ts', 'policy-worker': 'src/policy/worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  minifyWhitespace: false,
  legalComments: 'none',
  external: ['ink', 'react', 'react/*', 'ink-*', '@typescript-eslint/*', 'typescript'],
  define: { __MESHLINT_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: "import { createRequire as __meshlintCreateRequire } from 'node:module'; const require = __meshlintCreateRequire(import.meta.url);" },
  logLevel: 'warning',
};
await build(options);
// The GitHub Action's entry (action.yml), bundled on its own so the CLI stays one module.
// Without splitting esbuild would inline the terminal UI and hoist its ink/react imports to the top: keep it out.
await build({ ...options, entryPoints: { action: 'src/cli/action-entry.ts' }, splitting: false, external: [...options.external, './tui-command.ts'] });
