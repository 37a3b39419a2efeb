import { defineRule } from '../src/engine/index.ts';

export const policyError = defineRule({
  id: 'policy-error',
  severity: 'error',
  category: 'policy',
  stage: 'policy',
  docs: {
    summary: 'An organisation policy failed while checking a resource.',
    description:
      'A *.policy.ts policy threw a run-time error, ran out of its step budget (an endless loop or runaway recursion), hit the wall-clock limit (for example a catastrophic regular expression), or built a string or array over the size caps. The finding names the policy, the resource and the position in the policy file. The policy\'s other findings are kept and the run goes on; a policy that fails 20 times, or exhausts its budget, is stopped for the rest of the run.',
    fix: 'Fix the policy at the position shown (test it with `meshlint policy test`), or raise policyLimits in .meshlint.yaml if the mesh is simply large.',
  },
});
