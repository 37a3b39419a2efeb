import { envoyFilterExample, envoyFilterPatchRule, patchExample } from './_envoyfilter-patch.ts';

export const envoyfilterRelativeOperationWithoutPriority = envoyFilterPatchRule({
  id: 'envoyfilter-relative-operation-without-priority',
  severity: 'warning',
  istio: 'IST0151',
  issue: 'relative',
  docs: {
    summary: 'An EnvoyFilter patch inserts, replaces or removes relative to another filter, without a priority.',
    description:
      'INSERT_BEFORE, INSERT_AFTER, REPLACE and REMOVE act on a filter that must already be in the proxy configuration ' +
      'when the patch is applied. EnvoyFilters of equal priority are applied in creation order, so when the anchor is ' +
      'added by another EnvoyFilter (or an Istio feature) the patch may find nothing and silently not apply — and start' +
      ' or stop applying after an unrelated change.',
    fix: 'Set `spec.priority` to order the EnvoyFilter after the ones it depends on, or use INSERT_FIRST / ADD, which need no anchor.',
    bad: envoyFilterExample(patchExample('HTTP_FILTER', 'INSERT_BEFORE')),
    good: envoyFilterExample(patchExample('HTTP_FILTER', 'INSERT_FIRST')),
  },
  message: (f) => `${f.operation} patch${f.name ? ` "${f.name}"` : ''} has no priority: it depends on its anchor filter being in place when it is applied, which EnvoyFilter order decides, so it may silently not apply`,
  fix: 'Set spec.priority, or use INSERT_FIRST.',
});
