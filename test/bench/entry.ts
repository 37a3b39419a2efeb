// What the benchmark's lint process loads: the CLI's main, the rule list and the findings check, bundled by
// bin/build.mjs exactly as dist/meshlint.js is, so the figures are those of the code users run.
export { main } from '../../src/cli/main.ts';
export { rules } from '../../rules/index.ts';
export { compareFindings } from './expect.ts';
