import type { Rule } from '../src/engine/index.ts';
import { ambientL7ConfigWithoutWaypoint } from './ambient-l7-config-without-waypoint.ts';
import { ambientPolicyTargetWithoutWaypoint } from './ambient-policy-target-without-waypoint.ts';
import { ambientPolicyWithoutTargetrefs } from './ambient-policy-without-targetrefs.ts';
import { annotationAlpha } from './annotation-alpha.ts';
import { annotationDeprecated } from './annotation-deprecated.ts';
import { annotationInvalidValue } from './annotation-invalid-value.ts';
import { annotationMisplaced } from './annotation-misplaced.ts';
import { annotationUnknown } from './annotation-unknown.ts';
import { authorizationpolicyCustomProviderNotFound } from './authorizationpolicy-custom-provider-not-found.ts';
import { authorizationpolicyHostNotFound } from './authorizationpolicy-host-not-found.ts';
import { authorizationpolicyHttpFieldsOnTcp } from './authorizationpolicy-http-fields-on-tcp.ts';
import { authorizationpolicyInvalidMethod } from './authorizationpolicy-invalid-method.ts';
import { authorizationpolicyMtlsRequired } from './authorizationpolicy-mtls-required.ts';
import { authorizationpolicyNamespaceNotFound } from './authorizationpolicy-namespace-not-found.ts';
import { authorizationpolicyNoMeshWorkload } from './authorizationpolicy-no-mesh-workload.ts';
import { authorizationpolicyPrincipalNotFound } from './authorizationpolicy-principal-not-found.ts';
import { authorizationpolicyRuleNeverMatches } from './authorizationpolicy-rule-never-matches.ts';
import { authorizationpolicyUnknownTrustDomain } from './authorizationpolicy-unknown-trust-domain.ts';
import { customresourcedefinitionVersionBelowMinimum } from './customresourcedefinition-version-below-minimum.ts';
import { destinationruleHostNotFound } from './destinationrule-host-not-found.ts';
import { destinationruleMtlsOverridden } from './destinationrule-mtls-overridden.ts';
import { destinationruleMtlsWithoutPeerauthentication } from './destinationrule-mtls-without-peerauthentication.ts';
import { destinationruleOverlapping } from './destinationrule-overlapping.ts';
import { destinationruleSubsetNoWorkload } from './destinationrule-subset-no-workload.ts';
import { destinationruleSubsetWithoutLabels } from './destinationrule-subset-without-labels.ts';
import { destinationruleTlsWithoutCa } from './destinationrule-tls-without-ca.ts';
import { envoyfilterAddIgnored } from './envoyfilter-add-ignored.ts';
import { envoyfilterRelativeOperationWithProxyVersion } from './envoyfilter-relative-operation-with-proxy-version.ts';
import { envoyfilterRelativeOperationWithoutPriority } from './envoyfilter-relative-operation-without-priority.ts';
import { envoyfilterRemoveIgnored } from './envoyfilter-remove-ignored.ts';
import { envoyfilterReplaceUnsupported } from './envoyfilter-replace-unsupported.ts';
import { exporttoNamespaceNotFound } from './exportto-namespace-not-found.ts';
import { gatewayApiBackendNotFound } from './gateway-api-backend-not-found.ts';
import { gatewayApiClassNotFound } from './gateway-api-class-not-found.ts';
import { gatewayApiDuplicateAddress } from './gateway-api-duplicate-address.ts';
import { gatewayApiDuplicateListener } from './gateway-api-duplicate-listener.ts';
import { gatewayApiHostnameNotAccepted } from './gateway-api-hostname-not-accepted.ts';
import { gatewayApiParentNotFound } from './gateway-api-parent-not-found.ts';
import { gatewayApiReferenceNotPermitted } from './gateway-api-reference-not-permitted.ts';
import { gatewayConflicting } from './gateway-conflicting.ts';
import { gatewayCredentialInvalid } from './gateway-credential-invalid.ts';
import { gatewayCredentialNotFound } from './gateway-credential-not-found.ts';
import { gatewayDuplicateCertificate } from './gateway-duplicate-certificate.ts';
import { gatewayPortNotInService } from './gateway-port-not-in-service.ts';
import { gatewaySelectorNoWorkload } from './gateway-selector-no-workload.ts';
import { gatewayWildcardHostOverlap } from './gateway-wildcard-host-overlap.ts';
import { aliasLimit, binaryFile, duplicateKey, fileTooLarge, helmTemplate, internalError, invalidDocument, invalidEncoding, notAManifest, unreadableFile, unusedSuppression, yamlSyntax } from './input-rules.ts';
import { istiodJwksFetchUnrestricted } from './istiod-jwks-fetch-unrestricted.ts';
import { meshnetworksUnknownRegistry } from './meshnetworks-unknown-registry.ts';
import { mtlsDrIstioMutualNoSidecar } from './mtls-dr-istio-mutual-no-sidecar.ts';
import { mtlsDrPlaintextToStrict } from './mtls-dr-plaintext-to-strict.ts';
import { mtlsStrictNonMeshClient } from './mtls-strict-non-mesh-client.ts';
import { namespaceInjectionEnabledByDefault } from './namespace-injection-enabled-by-default.ts';
import { namespaceMultipleInjectionLabels } from './namespace-multiple-injection-labels.ts';
import { namespaceNotInjected } from './namespace-not-injected.ts';
import { namespaceProxyImageMismatch } from './namespace-proxy-image-mismatch.ts';
import { peerauthenticationDisableWithMutualDestinationrule } from './peerauthentication-disable-with-mutual-destinationrule.ts';
import { peerauthenticationMultipleDefaults } from './peerauthentication-multiple-defaults.ts';
import { peerauthenticationOverlappingSelectors } from './peerauthentication-overlapping-selectors.ts';
import { peerauthenticationSelectorNoWorkload } from './peerauthentication-selector-no-workload.ts';
import { peerauthenticationStrictWithoutDestinationrule } from './peerauthentication-strict-without-destinationrule.ts';
import { deprecatedApi, removedApi, schema, schemaCel, schemaCelUnsupported, schemaIstio, unknownKind } from './schema-rules.ts';
import { policyError } from './policy-error.ts';
import { referencegrantNamespaceNotFound } from './referencegrant-namespace-not-found.ts';
import { selectorIneffectiveOnGatewayApi } from './selector-ineffective-on-gateway-api.ts';
import { serviceInconsistentAcrossClusters } from './service-inconsistent-across-clusters.ts';
import { servicePortName } from './service-port-name.ts';
import { serviceTargetportNotInWorkload } from './service-targetport-not-in-workload.ts';
import { serviceentryAddressesRequired } from './serviceentry-addresses-required.ts';
import { serviceentryConflictingProtocols } from './serviceentry-conflicting-protocols.ts';
import { serviceentryDuplicateHostPort } from './serviceentry-duplicate-host-port.ts';
import { sidecarEgressHostNotFound } from './sidecar-egress-host-not-found.ts';
import { sidecarIneffectiveAmbient } from './sidecar-ineffective-ambient.ts';
import { sidecarMultipleDefaults } from './sidecar-multiple-defaults.ts';
import { sidecarOverlappingSelectors } from './sidecar-overlapping-selectors.ts';
import { sidecarRootNamespaceWorkloadSelector } from './sidecar-root-namespace-workload-selector.ts';
import { sidecarSelectorNoWorkload } from './sidecar-selector-no-workload.ts';
import { statusNegativeCondition } from './status-negative-condition.ts';
import { telemetryAccessLoggingWithoutProvider } from './telemetry-access-logging-without-provider.ts';
import { telemetryLightstepProvider } from './telemetry-lightstep-provider.ts';
import { telemetryMultipleDefaults } from './telemetry-multiple-defaults.ts';
import { telemetryOverlappingSelectors } from './telemetry-overlapping-selectors.ts';
import { telemetrySelectorNoWorkload } from './telemetry-selector-no-workload.ts';
import { virtualserviceConflictingMeshHosts } from './virtualservice-conflicting-mesh-hosts.ts';
import { virtualserviceDestinationHostNotFound } from './virtualservice-destination-host-not-found.ts';
import { virtualserviceDestinationPortNotFound } from './virtualservice-destination-port-not-found.ts';
import { virtualserviceDestinationPortRequired } from './virtualservice-destination-port-required.ts';
import { virtualserviceDuplicateRouteDestination } from './virtualservice-duplicate-route-destination.ts';
import { virtualserviceGatewayNotFound } from './virtualservice-gateway-not-found.ts';
import { virtualserviceHostNotInGateway } from './virtualservice-host-not-in-gateway.ts';
import { virtualserviceIneffectiveMatch } from './virtualservice-ineffective-match.ts';
import { virtualserviceInternalGateway } from './virtualservice-internal-gateway.ts';
import { virtualserviceJwtClaimWithoutRequestauthentication } from './virtualservice-jwt-claim-without-requestauthentication.ts';
import { virtualserviceSubsetIgnoredAtGateway } from './virtualservice-subset-ignored-at-gateway.ts';
import { virtualserviceSubsetMissingForClients } from './virtualservice-subset-missing-for-clients.ts';
import { virtualserviceSubsetNotFound } from './virtualservice-subset-not-found.ts';
import { virtualserviceUnreachableRoute } from './virtualservice-unreachable-route.ts';
import { vsRouteWeights } from './vs-route-weights.ts';
import { waypointNotFound } from './waypoint-not-found.ts';
import { webhookInjectionOverlapping } from './webhook-injection-overlapping.ts';
import { webhookServiceNotFound } from './webhook-service-not-found.ts';
import { webhookUrlInvalid } from './webhook-url-invalid.ts';
import { webhookUrlIpAddress } from './webhook-url-ip-address.ts';
import { workloadConflictingServicePorts } from './workload-conflicting-service-ports.ts';
import { workloadImageAutoNotInjected } from './workload-image-auto-not-injected.ts';
import { workloadMissingSidecar } from './workload-missing-sidecar.ts';
import { workloadRunsAsProxyUid } from './workload-runs-as-proxy-uid.ts';
import { workloadSidecarAndAmbient } from './workload-sidecar-and-ambient.ts';
import { workloadWaypointWithoutAmbient } from './workload-waypoint-without-ambient.ts';
import { workloadWithoutAuthorizationpolicy } from './workload-without-authorizationpolicy.ts';
import { workloadgroupDuplicateLabels } from './workloadgroup-duplicate-labels.ts';
import { workloadgroupServiceaccountNotFound } from './workloadgroup-serviceaccount-not-found.ts';
import { yaml11Boolean } from './yaml-1.1-boolean.ts';

/** Every built-in rule, in id order. */
export const rules: readonly Rule[] = [
  aliasLimit,
  ambientL7ConfigWithoutWaypoint,
  ambientPolicyTargetWithoutWaypoint,
  ambientPolicyWithoutTargetrefs,
  annotationAlpha,
  annotationDeprecated,
  annotationInvalidValue,
  annotationMisplaced,
  annotationUnknown,
  authorizationpolicyCustomProviderNotFound,
  authorizationpolicyHostNotFound,
  authorizationpolicyHttpFieldsOnTcp,
  authorizationpolicyInvalidMethod,
  authorizationpolicyMtlsRequired,
  authorizationpolicyNamespaceNotFound,
  authorizationpolicyNoMeshWorkload,
  authorizationpolicyPrincipalNotFound,
  authorizationpolicyRuleNeverMatches,
  authorizationpolicyUnknownTrustDomain,
  binaryFile,
  customresourcedefinitionVersionBelowMinimum,
  deprecatedApi,
  destinationruleHostNotFound,
  destinationruleMtlsOverridden,
  destinationruleMtlsWithoutPeerauthentication,
  destinationruleOverlapping,
  destinationruleSubsetNoWorkload,
  destinationruleSubsetWithoutLabels,
  destinationruleTlsWithoutCa,
  duplicateKey,
  envoyfilterAddIgnored,
  envoyfilterRelativeOperationWithProxyVersion,
  envoyfilterRelativeOperationWithoutPriority,
  envoyfilterRemoveIgnored,
  envoyfilterReplaceUnsupported,
  exporttoNamespaceNotFound,
  fileTooLarge,
  gatewayApiBackendNotFound,
  gatewayApiClassNotFound,
  gatewayApiDuplicateAddress,
  gatewayApiDuplicateListener,
  gatewayApiHostnameNotAccepted,
  gatewayApiParentNotFound,
  gatewayApiReferenceNotPermitted,
  gatewayConflicting,
  gatewayCredentialInvalid,
  gatewayCredentialNotFound,
  gatewayDuplicateCertificate,
  gatewayPortNotInService,
  gatewaySelectorNoWorkload,
  gatewayWildcardHostOverlap,
  helmTemplate,
  internalError,
  invalidDocument,
  invalidEncoding,
  istiodJwksFetchUnrestricted,
  meshnetworksUnknownRegistry,
  mtlsDrIstioMutualNoSidecar,
  mtlsDrPlaintextToStrict,
  mtlsStrictNonMeshClient,
  namespaceInjectionEnabledByDefault,
  namespaceMultipleInjectionLabels,
  namespaceNotInjected,
  namespaceProxyImageMismatch,
  notAManifest,
  peerauthenticationDisableWithMutualDestinationrule,
  peerauthenticationMultipleDefaults,
  peerauthenticationOverlappingSelectors,
  peerauthenticationSelectorNoWorkload,
  peerauthenticationStrictWithoutDestinationrule,
  policyError,
  referencegrantNamespaceNotFound,
  removedApi,
  schema,
  schemaCel,
  schemaCelUnsupported,
  schemaIstio,
  selectorIneffectiveOnGatewayApi,
  serviceInconsistentAcrossClusters,
  servicePortName,
  serviceTargetportNotInWorkload,
  serviceentryAddressesRequired,
  serviceentryConflictingProtocols,
  serviceentryDuplicateHostPort,
  sidecarEgressHostNotFound,
  sidecarIneffectiveAmbient,
  sidecarMultipleDefaults,
  sidecarOverlappingSelectors,
  sidecarRootNamespaceWorkloadSelector,
  sidecarSelectorNoWorkload,
  statusNegativeCondition,
  telemetryAccessLoggingWithoutProvider,
  telemetryLightstepProvider,
  telemetryMultipleDefaults,
  telemetryOverlappingSelectors,
  telemetrySelectorNoWorkload,
  unknownKind,
  unreadableFile,
  unusedSuppression,
  virtualserviceConflictingMeshHosts,
  virtualserviceDestinationHostNotFound,
  virtualserviceDestinationPortNotFound,
  virtualserviceDestinationPortRequired,
  virtualserviceDuplicateRouteDestination,
  virtualserviceGatewayNotFound,
  virtualserviceHostNotInGateway,
  virtualserviceIneffectiveMatch,
  virtualserviceInternalGateway,
  virtualserviceJwtClaimWithoutRequestauthentication,
  virtualserviceSubsetIgnoredAtGateway,
  virtualserviceSubsetMissingForClients,
  virtualserviceSubsetNotFound,
  virtualserviceUnreachableRoute,
  vsRouteWeights,
  waypointNotFound,
  webhookInjectionOverlapping,
  webhookServiceNotFound,
  webhookUrlInvalid,
  webhookUrlIpAddress,
  workloadConflictingServicePorts,
  workloadImageAutoNotInjected,
  workloadMissingSidecar,
  workloadRunsAsProxyUid,
  workloadSidecarAndAmbient,
  workloadWaypointWithoutAmbient,
  workloadWithoutAuthorizationpolicy,
  workloadgroupDuplicateLabels,
  workloadgroupServiceaccountNotFound,
  yaml11Boolean,
  yamlSyntax,
];

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.id, r]));
