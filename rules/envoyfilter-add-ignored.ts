import { envoyFilterExample, envoyFilterPatchRule, patchExample } from './_envoyfilter-patch.ts';

export const envoyfilterAddIgnored = envoyFilterPatchRule({
  id: 'envoyfilter-add-ignored',
  severity: 'error',
  istio: 'IST0153',
  issue: 'add-ignored',
  docs: {
    summary: 'An EnvoyFilter ADD patch applies to a route configuration or an HTTP route.',
    description:
      'istiod builds route configurations and HTTP routes from VirtualServices; an ADD patch on ROUTE_CONFIGURATION or ' +
      'HTTP_ROUTE is ignored, so the route it describes never exists.',
    fix: 'Add routes with a VirtualService, or MERGE into an existing route configuration or virtual host.',
    bad: envoyFilterExample(patchExample('ROUTE_CONFIGURATION', 'ADD')),
    good: envoyFilterExample(patchExample('ROUTE_CONFIGURATION', 'MERGE')),
  },
  message: (f) => `ADD on ${f.applyTo} is ignored: istiod does not add route configurations or HTTP routes from patches`,
  fix: 'Use a VirtualService, or MERGE.',
});
