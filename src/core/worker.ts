import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread: the bundled `dist/<name>.js` next to the running bundle, or, when running from the
 * sources (tests), the TypeScript module `source` through tsx.
 */
export function startWorker(name: string, source: URL, options: WorkerOptions): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, here), options);
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(source.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
