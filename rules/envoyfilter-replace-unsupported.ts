import { envoyFilterExample, envoyFilterPatchRule, patchExample } from './_envoyfilter-patch.ts';

export const envoyfilterReplaceUnsupported = envoyFilterPatchRule({
  id: 'envoyfilter-replace-unsupported',
  severity: 'error',
  istio: 'IST0152',
  issue: 'replace-unsupported',
  docs: {
    summary: 'An EnvoyFilter REPLACE patch applies to something other than an HTTP filter, network filter or virtual host.',
    description:
      'istiod can replace only a named HTTP filter, network filter or virtual host. A REPLACE patch on a cluster, ' +
      'listener, route or filter chain is ignored: the configuration it carries never reaches the proxies.',
    fix: 'Use MERGE to change a cluster or listener, or REMOVE followed by ADD.',
    bad: envoyFilterExample(patchExample('CLUSTER', 'REPLACE')),
    good: envoyFilterExample(patchExample('CLUSTER', 'MERGE')),
  },
  message: (f) => `REPLACE on ${f.applyTo || 'an unset applyTo'} is ignored: istiod replaces only HTTP_FILTER, NETWORK_FILTER and VIRTUAL_HOST`,
  fix: 'Use MERGE (or REMOVE and ADD).',
});
