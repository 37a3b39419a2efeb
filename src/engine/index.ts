export { lint, type LintOptions, type LintResult, type Stage } from './lint.ts';
export { defineRule, ruleCodes, type Rule, type RuleContext, type RuleDocs, type ReportInput, type RelatedInput, type RuleCategory, type RuleStage } from './rule.ts';
export { ConfigError, findConfig, loadConfig, emptyConfig, parseLevel, suggest, checkSuppress, LEVELS, type Config, type Level } from './config.ts';
export { parseSuppress, readDirectives } from './suppress.ts';
