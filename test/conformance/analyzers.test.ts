import { conformanceSuite } from '../helpers/conformance.ts';

// The istioctl analyze analyzers reproduced by the annotation, EnvoyFilter, webhook, telemetry, Gateway API,
// multi-cluster and status rules.
conformanceSuite('annotation, EnvoyFilter, webhook, telemetry, multi-cluster and status analyzers', [
  'annotations.K8sAnalyzer',
  'annotations.AlphaAnalyzer',
  'conditions.ConditionAnalyzer',
  'envoyfilter.EnvoyPatchAnalyzer',
  'externalcontrolplane.ExternalControlPlaneAnalyzer',
  'k8sgateway.CRDVersionAnalyzer',
  'k8sgateway.SelectorAnalyzer',
  'meshnetworks.MeshNetworksAnalyzer',
  'services.MultiClusterServiceAnalyzer',
  'telemetry.DefaultSelectorAnalyzer',
  'telemetry.LightstepAnalyzer',
  'telemetry.ProviderAnalyzer',
  'telemetry.SelectorAnalyzer',
  'webhook.Analyzer',
], 19).run();
