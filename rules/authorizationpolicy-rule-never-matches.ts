import { defineRule } from '../src/engine/index.ts';
import { security, unmatchedEffect, type AuthzClause } from '../src/graph/security/index.ts';

const NEGATED = ['principals', 'requestPrincipals', 'namespaces', 'ipBlocks', 'remoteIpBlocks', 'hosts', 'ports', 'methods', 'paths'].map((f) => [f, `not${f[0].toUpperCase()}${f.slice(1)}`]);
const CASE = (not: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: reports, namespace: shop}
spec:
  selector: {matchLabels: {app: reports}}
  rules:
  - from: [{source: {namespaces: [finance], notNamespaces: [${not}]}}]
`;

/** Istio's string match: exact, `*`, `prefix*` or `*suffix`. */
const covers = (pattern: string, v: string) =>
  pattern === '*' || pattern === v || (pattern.endsWith('*') && v.startsWith(pattern.slice(0, -1))) || (pattern.startsWith('*') && v.endsWith(pattern.slice(1)));

/** Why a source or operation can never match: a list cancelled by its `not` form, principals of other namespaces, relative paths. */
function contradiction(c: AuthzClause): { pointer: string; why: string } | undefined {
  const written = new Set(c.names());
  for (const [f, not] of NEGATED) {
    if (!written.has(f) || !written.has(not)) continue;
    const pos = c.field(f)?.values ?? [];
    const neg = c.field(not)?.values ?? [];
    if (pos.length && neg.length && pos.every((p) => !p.value.includes('*') && neg.some((n) => covers(n.value, p.value)))) {
      return { pointer: `${c.pointer}/${f}`, why: `every entry of "${f}" is excluded by its "${not}"` };
    }
  }
  if (written.has('namespaces') && written.has('principals')) {
    const ns = (c.field('namespaces')?.values ?? []).map((v) => v.value);
    const principals = c.field('principals')?.values ?? [];
    if (ns.length && principals.length && principals.every((p) => {
      const m = /\/ns\/([^/*]+)\/sa\//.exec(p.value);
      return m && !ns.some((n) => covers(n, m[1]));
    })) return { pointer: `${c.pointer}/principals`, why: `no principal belongs to the namespaces ${ns.map((n) => `"${n}"`).join(', ')} it also requires` };
  }
  const paths = written.has('paths') ? c.field('paths')?.values ?? [] : [];
  if (paths.length && paths.every((p) => !p.value.startsWith('/') && !p.value.startsWith('*'))) return { pointer: paths[0].pointer, why: `request paths start with "/" and "${paths[0].value}" does not` };
  return undefined;
}

export const authorizationpolicyRuleNeverMatches = defineRule({
  id: 'authorizationpolicy-rule-never-matches',
  severity: 'warning',
  category: 'security',
  docs: {
    summary: 'An AuthorizationPolicy rule has contradictory conditions, so it can never match.',
    description:
      'Conditions inside one source, operation or `when` are ANDed. A list whose every entry its `not` form excludes ' +
      '(`namespaces: [a]` with `notNamespaces: [a]`), principals from namespaces other than the required `namespaces`, ' +
      'paths without a leading "/", or a condition whose values are all in its `notValues` can never be met: an ALLOW rule ' +
      'then lets nobody in (403 RBAC: access denied) and a DENY rule blocks nothing.',
    fix: 'Remove the contradicting entry (usually a leftover of an edit).',
    bad: CASE('finance'),
    good: CASE('finance-dev'),
    notes: 'Empty `from`/`to` lists, empty sources and DENY policies without rules are rejected by Istio\'s validation (the schema-istio rule).',
  },
  check(ctx) {
    for (const ap of ctx.graph.facet(security).authorizationPolicies.all) {
      for (const rule of ap.rules) {
        // A rule with several sources (or operations) matches when any one does: it is dead only when all of a side are.
        const deadSide = [rule.from, rule.to].find((side) => side.length && side.every((c) => contradiction(c)));
        let found = deadSide ? contradiction(deadSide[0]) : undefined;
        for (const c of rule.when) {
          if (found) break;
          const vals = c.values?.values ?? [];
          const nots = c.notValues?.values ?? [];
          if (vals.length && nots.length && vals.every((v) => nots.some((n) => covers(n.value, v.value)))) found = { pointer: c.pointer, why: `every value of condition "${c.key}" is also in its notValues` };
        }
        if (!found) continue;
        ctx.report({
          resource: ap.resource,
          pointer: found.pointer,
          key: true,
          message: `Rule ${rule.index} can never match, ${found.why}: ${unmatchedEffect(ap.action)}`,
          discriminator: String(rule.index),
          fix: 'Remove the contradicting entry.',
        });
      }
    }
  },
});
