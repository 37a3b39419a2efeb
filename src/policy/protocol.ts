// Messages between the lint (host) thread and the policy worker. The worker gets the parsed resources as
// plain data with the source texts (see transfer.ts) and answers with findings that name resources by
// index: the host turns them into diagnostics on its own resources. Findings leave unlocated; locating them
// (re-reading their documents) is shared out per policy between the two threads, whichever is free first
// claims a policy (a compare-and-swap on its cell): the host once its own rules are done, the worker once its
// policies are.
import type { Location } from '../core/types.ts';
import type { GraphOptions } from '../graph/index.ts';
import type { PolicyMeta } from './load.ts';
import type { EncodedBatch } from './transfer.ts';
import type { LoadProblem } from './subset.ts';

export interface LoadRequest {
  type: 'load';
  files: { file: string; text: string }[];
  steps: number;
}

/** A finding of a policy, resources named by their index in the run's resources. */
export interface RawFinding {
  resource: number;
  pointer: string;
  key: boolean;
  /** Absent until one of the threads locates it. */
  location?: Location;
  message: string;
  severity?: 'error' | 'warning' | 'info';
  fix?: string;
  related: { resource: number; pointer: string; location?: Location; message: string }[];
}

/** A policy failure on a resource (index; -1 when not on one). */
export interface RawError {
  resource: number;
  message: string;
}

/** The next batch of the lint's resources (ResourceEncoder), sent as the files are parsed. */
export interface ResourcesMessage {
  type: 'resources';
  batch: EncodedBatch;
}

/** Runs the policies over the resources sent since the last run. */
export interface RunRequest {
  type: 'run';
  graph: GraphOptions;
  /** Ids of policies turned off everywhere (not run). */
  skip: string[];
  steps: number;
  /** Index of the first policy to run (after a restart). */
  from: number;
}

export type WorkerMessage =
  | { type: 'loaded'; policies: PolicyMeta[]; problems: LoadProblem[] }
  | { type: 'policy'; index: number; findings: RawFinding[]; errors: RawError[] }
  /** The findings of policy `index` again, located (the worker claimed them). */
  | { type: 'located'; index: number; findings: RawFinding[] }
  | { type: 'done' }
  | { type: 'crash'; message: string };

/** Slots of the shared Int32Array. */
export const SEQ = 0;
/** Index of the policy running (-1 while loading, parsing or idle). */
export const POLICY = 1;
/** Index of the resource it is checking (in `matching(policy, graph)`). */
export const RESOURCE = 2;
/** Cell of policy i's findings: 0 while unclaimed, 1 once a thread has claimed them to locate them. */
export const CLAIMS = 4;
/** Policies whose findings can be shared out; the host locates those of any others. */
export const CLAIM_CELLS = 1024;

/** Claims policy i's findings for the calling thread; false when the other thread has them. */
export function claim(state: Int32Array, i: number): boolean {
  return Atomics.compareExchange(state, CLAIMS + i, 0, 1) === 0;
}

export interface PolicyLimits {
  /** Steps (loop iterations and calls) per policy per run. */
  steps: number;
  /** Wall-clock limit per policy, in milliseconds. */
  timeoutMs: number;
}

export const DEFAULT_LIMITS: PolicyLimits = { steps: 50_000_000, timeoutMs: 20_000 };

/** Policy ids are `namespace/name`: the slash keeps them apart from built-in rule ids. */
export const POLICY_ID = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)+$/;

export const POLICY_ERROR = 'policy-error';
