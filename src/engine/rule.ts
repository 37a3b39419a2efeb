import type { Resource } from '../core/resource.ts';
import type { Codes, Severity } from '../core/types.ts';
import type { MeshGraph } from '../graph/index.ts';

export type RuleCategory = 'correctness' | 'security' | 'hygiene' | 'input' | 'policy';

/** Which pipeline stage emits a rule's findings; 'rule' means its own `check`. */
export type RuleStage = 'load' | 'parse' | 'schema' | 'engine' | 'policy' | 'rule';

export interface RuleDocs {
  /** One line ending with '.', used as the SARIF short description. */
  summary: string;
  /** Why this is a problem and what happens at run time. */
  description: string;
  /** The smallest change that fixes it. */
  fix?: string;
  /** A manifest that makes the rule fire (tests run it). */
  bad?: string;
  /** The same manifest, fixed (tests run it: it must stay silent). */
  good?: string;
  /** Where Istio's or Kiali's behaviour differs from ours, and why. */
  notes?: string;
}

export interface Rule {
  /** Kebab-case id; also the file name under rules/. */
  id: string;
  /** Default severity; configuration may change it. */
  severity: Severity;
  category: RuleCategory;
  /** Equivalent `istioctl analyze` code and analyzer, and Kiali code. */
  istio?: string;
  istioAnalyzer?: string;
  kiali?: string;
  stage?: RuleStage;
  /** Off unless the configuration or --rule sets a level (a check most meshes would not want everywhere). */
  defaultOff?: boolean;
  docs: RuleDocs;
  check?(ctx: RuleContext): void;
}

export interface RelatedInput {
  resource: Resource;
  pointer?: string;
  message: string;
}

export interface ReportInput {
  resource: Resource;
  /** JSON pointer into the resource of the offending node ('' = the whole object). */
  pointer?: string;
  /** Point at the key of the member instead of its value (e.g. an unknown field). */
  key?: boolean;
  message: string;
  related?: RelatedInput[];
  fix?: string;
  /** Overrides the rule's default severity for this finding (configuration still wins). */
  severity?: Severity;
  /** Overrides the rule's codes for this finding. */
  codes?: Codes;
  /** Distinguishes two findings of the rule on the same field. */
  discriminator?: string;
}

export interface RuleContext {
  readonly graph: MeshGraph;
  /** Rule options from configuration (none of the built-in rules need any yet). */
  readonly options: Readonly<Record<string, unknown>>;
  /** True under --closed-world: references to kinds that were never loaded count as missing. */
  readonly closedWorld: boolean;
  report(input: ReportInput): void;
}

/** Identity function that gives rule literals their type. */
export function defineRule(rule: Rule): Rule {
  return rule;
}

export function ruleCodes(rule: Rule): Codes {
  const c: Codes = {};
  if (rule.istio) c.istio = rule.istio;
  if (rule.istioAnalyzer) c.istioAnalyzer = rule.istioAnalyzer;
  if (rule.kiali) c.kiali = rule.kiali;
  return c;
}
