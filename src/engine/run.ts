import { makeDiagnostic } from '../core/diagnostic.ts';
import { fileLocation } from '../core/diagnostic.ts';
import type { Diagnostic } from '../core/types.ts';
import type { MeshGraph } from '../graph/index.ts';
import type { Levels } from './levels.ts';
import { ruleCodes, type ReportInput, type Rule, type RuleContext } from './rule.ts';

/** Runs every enabled rule's check over the graph. A rule that throws becomes an `internal-error` finding. */
export function runRules(rules: readonly Rule[], graph: MeshGraph, levels: Levels, closedWorld: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    if (!rule.check || !levels.mayRun(rule.id)) continue;
    const codes = ruleCodes(rule);
    let current = '';
    const ctx: RuleContext = {
      graph,
      options: {},
      closedWorld,
      report(input: ReportInput) {
        current = `${input.resource.kind} ${input.resource.namespace}/${input.resource.name}`;
        out.push(toDiagnostic(rule, codes, input));
      },
    };
    try {
      rule.check(ctx);
    } catch (e: any) {
      out.push(makeDiagnostic({
        ruleId: 'internal-error',
        severity: 'error',
        message: `Rule ${rule.id} failed${current ? ` after reporting on ${current}` : ''}: ${e?.stack?.split('\n').slice(0, 2).join(' ') ?? e}`,
        location: fileLocation('<meshlint>'),
        discriminator: rule.id,
      }));
    }
  }
  return out;
}

export function toDiagnostic(rule: Rule, codes: ReturnType<typeof ruleCodes>, input: ReportInput): Diagnostic {
  const r = input.resource;
  const pointer = input.pointer ?? '';
  const location = input.key ? r.locateKey(pointer) : pointer ? r.locate(pointer) : r.location();
  return makeDiagnostic({
    ruleId: rule.id,
    severity: input.severity ?? rule.severity,
    message: input.message,
    location,
    resource: r.ref,
    codes: input.codes ? { ...codes, ...input.codes } : codes,
    related: input.related?.map((rel) => ({
      message: rel.message,
      location: rel.pointer ? rel.resource.locate(rel.pointer) : rel.resource.location(),
      resource: rel.resource.ref,
    })),
    fix: input.fix,
    discriminator: input.discriminator,
  });
}
