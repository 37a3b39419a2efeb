// Messages between the lint (host) thread and the policy worker. The worker gets the parsed resources as
// plain data with the source texts (see transfer.ts) and answers with findings that name resources by
// index: the host turns them into diagnostics on its own resources. Locating a finding (re-reading its
// document) is done by whichever thread is free: the worker while the host still runs the built-in rules,
// the host once it only waits for the policies (it says so in the HOST_WAITING slot).
import type { Location } from '../core/types.ts';
import type { GraphOptions } from '../graph/index.ts';
import type { PolicyMeta } from './load.ts';
import type { EncodedResources } from './transfer.ts';
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
  /** Absent when the host is to locate it. */
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

export interface RunRequest {
  type: 'run';
  /** encodeResources(...) of the lint's resources. */
  resources: EncodedResources;
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
  | { type: 'done' }
  | { type: 'crash'; message: string };

/** Slots of the shared Int32Array. */
export const SEQ = 0;
/** Index of the policy running (-1 while loading, parsing or idle). */
export const POLICY = 1;
/** Index of the resource it is checking (in `matching(policy, graph)`). */
export const RESOURCE = 2;
/** 1 once the host has nothing left to do but wait for the policies (and can locate their findings). */
export const HOST_WAITING = 3;

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
