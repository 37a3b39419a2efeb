export * from './types.ts';
export * from './resource.ts';
export * from './pointer.ts';
export * from './severity.ts';
export * from './fingerprint.ts';
export * from './lines.ts';
export * from './diagnostic.ts';
