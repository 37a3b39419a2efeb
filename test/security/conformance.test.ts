import { conformanceSuite } from '../helpers/conformance.ts';

// The istioctl analyze analyzers the security rules reproduce.
conformanceSuite('security analyzers', [
  'injection.Analyzer',
  'injection.ImageAutoAnalyzer',
  'injection.ImageAnalyzer',
  'applicationUID.Analyzer',
  'auth.AuthorizationPoliciesAnalyzer',
  'authn.BlockedCIDRsAnalyzer',
  'virtualservice.JWTClaimRouteAnalyzer',
], 11).run();
