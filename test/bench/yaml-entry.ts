// js-yaml as meshlint's bundle has it, for the benchmark's reference floor (see measure.ts).
export { loadAll } from 'js-yaml';
