import { sidecarIneffectiveAmbient } from '../../rules/sidecar-ineffective-ambient.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(sidecarIneffectiveAmbient).run();
