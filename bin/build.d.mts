// Types of bin/build.mjs for the TypeScript that imports it (the benchmark).
export declare const ROOT: string;
/** Bundles the entries (name → source) and the workers into `outdir`; resolves to the absolute paths written. */
export declare function bundle(entryPoints: Record<string, string>, outdir: string, extra?: Record<string, unknown>): Promise<string[]>;
