// What the benchmark loads in its measuring processes: the CLI's main and the rule list, bundled by bin/build.mjs
// exactly as dist/meshlint.js is, so the figures are those of the code users run.
export { main } from '../../src/cli/main.ts';
export { rules } from '../../rules/index.ts';
