import { defineRule } from '../src/engine/index.ts';

// Places whose value must be a string, so a YAML 1.1 boolean or octal number there is always a mistake.
const STRING_PLACES = [
  /^(\/spec\/template|\/spec\/jobTemplate\/spec\/template)?\/metadata\/(labels|annotations)\/[^/]+$/,
  /^\/spec\/(selector|workloadSelector)(\/matchLabels|\/labels)?\/[^/]+$/,
  /^\/spec\/subsets\/\d+\/labels\/[^/]+$/,
  /^\/(data|stringData)\/[^/]+$/,
  /\/env\/\d+\/value$/,
  /\/(args|command)\/\d+$/,
  /\/headers\/[^/]+\/(exact|prefix|regex)$/,
];

export const yaml11Boolean = defineRule({
  id: 'yaml-1.1-boolean',
  severity: 'warning',
  category: 'input',
  docs: {
    summary: 'Unquoted yes/no/on/off and leading-zero numbers are not strings to kubectl.',
    description:
      'kubectl reads YAML the YAML 1.1 way: unquoted `yes`, `no`, `on`, `off`, `y` and `n` are booleans and `0777` is ' +
      'the octal number 511. Where Kubernetes or Istio expects a string (a label value, an annotation, an environment ' +
      'variable, a header match) the API server rejects the object, or the value silently changes.',
    fix: 'Quote the value.',
    bad: `apiVersion: v1
kind: Service
metadata:
  name: reviews
  labels:
    canary: on
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
`,
    good: `apiVersion: v1
kind: Service
metadata:
  name: reviews
  labels:
    canary: "on"
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
`,
  },
  check(ctx) {
    for (const r of ctx.graph.resources.all) {
      for (const s of r.implicitScalars ?? []) {
        // The kind's schema knows whether a string is expected here; without one, fall back to well-known places.
        const wantsString = ctx.graph.options.schema?.stringExpected(r, s.pointer);
        if (wantsString === false || (wantsString === undefined && !STRING_PLACES.some((re) => re.test(s.pointer)))) continue;
        const means = typeof s.value === 'boolean' ? `the boolean ${s.value}` : `the number ${s.value}`;
        ctx.report({ resource: r, pointer: s.pointer, message: `Unquoted ${s.source} is read as ${means} (YAML 1.1, as kubectl reads it), but a string is expected here`, fix: `Write "${s.source}" (quoted).`, discriminator: s.pointer });
      }
    }
  },
});
