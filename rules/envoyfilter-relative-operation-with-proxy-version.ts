import { envoyFilterExample, envoyFilterPatchRule, patchExample } from './_envoyfilter-patch.ts';

export const envoyfilterRelativeOperationWithProxyVersion = envoyFilterPatchRule({
  id: 'envoyfilter-relative-operation-with-proxy-version',
  severity: 'warning',
  istio: 'IST0155',
  issue: 'relative-versioned',
  docs: {
    summary: 'A relative EnvoyFilter patch without priority names a filter that is also patched for a specific proxy version.',
    description:
      'A patch matching `proxy.proxyVersion` applies only to proxies of that version. A later relative patch ' +
      '(INSERT_BEFORE, INSERT_AFTER, REPLACE, REMOVE) on the same filter, without a priority, depends on it: while ' +
      'proxies are upgraded, one patch applies and the other no longer finds its anchor, so the filter chain differs ' +
      'from proxy to proxy.',
    fix: 'Set `spec.priority`, or drop the proxyVersion match once every proxy runs the version.',
    bad: envoyFilterExample(patchExample('HTTP_FILTER', 'INSERT_FIRST', true), patchExample('HTTP_FILTER', 'INSERT_BEFORE')),
    good: envoyFilterExample(patchExample('HTTP_FILTER', 'INSERT_FIRST', true), patchExample('HTTP_FILTER', 'INSERT_FIRST')),
  },
  message: (f) => `${f.operation} patch${f.name ? ` of "${f.name}"` : ''} has no priority and names a filter another patch matches by proxyVersion: during an upgrade it may not apply`,
  fix: 'Set spec.priority, or remove the proxyVersion match.',
});
