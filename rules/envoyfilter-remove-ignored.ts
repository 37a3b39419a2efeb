import { envoyFilterExample, envoyFilterPatchRule, patchExample } from './_envoyfilter-patch.ts';

export const envoyfilterRemoveIgnored = envoyFilterPatchRule({
  id: 'envoyfilter-remove-ignored',
  severity: 'error',
  istio: 'IST0154',
  issue: 'remove-ignored',
  docs: {
    summary: 'An EnvoyFilter REMOVE patch applies to a route configuration or an HTTP route.',
    description:
      'A REMOVE patch on ROUTE_CONFIGURATION or HTTP_ROUTE is ignored: the route it was meant to take away stays in the' +
      ' proxy configuration and keeps receiving traffic.',
    fix: 'Remove the route from the VirtualService that defines it, or MERGE the route configuration instead.',
    bad: envoyFilterExample(patchExample('HTTP_ROUTE', 'REMOVE')),
    good: envoyFilterExample(patchExample('HTTP_ROUTE', 'MERGE')),
  },
  message: (f) => `REMOVE on ${f.applyTo} is ignored: the route stays in the proxy configuration`,
  fix: 'Change the VirtualService that defines the route.',
});
