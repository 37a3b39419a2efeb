// Bundles the CLI into one file: a single module loads much faster than hundreds.
// ink/react (terminal UI) and the TypeScript parser (policies) stay external and load only when used.
// `node bin/build.mjs` writes dist/ and then removes what earlier builds left there; `bundle()` is also used by
// the benchmark, which measures the same bundled code in a directory of its own.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

// js-yaml creates its parser state as `{ ...DEFAULT_PARSER_OPTIONS, ...options, input, …eleven fields }`. V8 gives
// each object made by such a literal a hidden class of its own (Node 20: measured), so from the second parseEvents
// call on, every parser function meets an unknown state shape, deoptimises, and ends up megamorphic: many files or
// document groups then parse at half the speed of one big input. Naming the two option fields keeps one shape;
// the parser reads no other option (filename and maxDepth are all ParserOptions has).
const STATE_SPREAD = '\tconst state = {\n\t\t...DEFAULT_PARSER_OPTIONS,\n\t\t...options,\n';
const STATE_NAMED = '\tconst parserOptions = {\n\t\t...DEFAULT_PARSER_OPTIONS,\n\t\t...options\n\t};\n\tconst state = {\n\t\tfilename: parserOptions.filename,\n\t\tmaxDepth: parserOptions.maxDepth,\n';

const jsYamlParserState = {
  name: 'js-yaml-parser-state',
  setup(b) {
    b.onLoad({ filter: /[\\/]js-yaml[\\/]dist[\\/]js-yaml\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const at = source.indexOf(STATE_SPREAD);
      if (at < 0 || source.indexOf(STATE_SPREAD, at + 1) >= 0) {
        return { contents: source, loader: 'js', warnings: [{ text: 'js-yaml changed: its parser state is not built as expected; bin/build.mjs no longer keeps it to one shape (parsing many files is slower)' }] };
      }
      return { contents: source.slice(0, at) + STATE_NAMED + source.slice(at + STATE_SPREAD.length), loader: 'js' };
    });
  },
};

const options = {
  absWorkingDir: ROOT,
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
  plugins: [jsYamlParserState],
  logLevel: 'warning',
  metafile: true,
};

/** The workers are entries of every bundle, found next to it (src/core/worker.ts): policies run in one, and big inputs are parsed with the help of another. */
const WORKERS = { 'policy-worker': 'src/policy/worker.ts', 'parse-worker': 'src/parse/worker.ts' };

/** Bundles `entryPoints` (name → source) and the workers into `outdir`; returns the absolute paths written. */
export async function bundle(entryPoints, outdir, extra = {}) {
  const r = await build({ ...options, entryPoints: { ...entryPoints, ...WORKERS }, outdir, ...extra });
  return Object.keys(r.metafile.outputs).map((p) => resolve(ROOT, p));
}

/**
 * Removes the .js files of earlier builds from `dir`: those this build did not write and that are older than it.
 * A build running at the same time keeps its files (they are newer), and the entry files written last always
 * find their chunks.
 */
function removeStale(dir, written, startedMs) {
  const keep = new Set(written);
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (!/\.js(\.map)?$/.test(name) || keep.has(p)) continue;
    const st = statSync(p, { throwIfNoEntry: false });
    // Two seconds of slack for coarse file times: a file that young is left to the next build.
    if (st?.isFile() && st.mtimeMs < startedMs - 2000) rmSync(p, { force: true });
  }
}

async function buildDist() {
  const started = Date.now();
  const dist = join(ROOT, 'dist');
  const written = await bundle({ meshlint: 'src/cli/entry.ts' }, dist);
  // The GitHub Action's entry (action.yml), bundled on its own so the CLI stays one module.
  // Without splitting esbuild would inline the terminal UI and hoist its ink/react imports to the top: keep it out.
  const action = await build({ ...options, entryPoints: { action: 'src/cli/action-entry.ts' }, outdir: dist, splitting: false, external: [...options.external, './tui-command.ts'] });
  written.push(...Object.keys(action.metafile.outputs).map((p) => resolve(ROOT, p)));
  // The compiler for CRDs among the inputs carries ajv: a CommonJS file of its own, required only when needed.
  await build({ ...options, entryPoints: { 'crd-compiler': 'src/schema/crd-compiler.ts' }, outdir: dist, outExtension: { '.js': '.cjs' }, format: 'cjs', splitting: false, banner: {}, plugins: [] });
  removeStale(dist, written, started);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildDist();
