import type { Resource } from '../../core/resource.ts';
import type { Finding } from '../finding.ts';

/** Istio's own (Go-side) validation of one resource: IST0106 errors and IST0133 warnings. */
export function istioFindings(_r: Resource, _out: Finding[]): void {}
