import { runAction } from './action.ts';

// Entry point of the GitHub Action (action.yml runs the bundled dist/action.js).
process.exitCode = await runAction({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
