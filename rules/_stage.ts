import { defineRule, type Rule, type RuleDocs, type RuleStage } from '../src/engine/index.ts';
import type { Severity } from '../src/core/index.ts';

/** A rule whose findings come from a pipeline stage (reading or parsing files) rather than a check of its own. */
export function stageRule(id: string, stage: RuleStage, severity: Severity, docs: RuleDocs): Rule {
  return defineRule({ id, severity, category: 'input', stage, docs });
}
