import * as assert from 'uvu/assert';
import { annotationInvalidValue } from '../../rules/annotation-invalid-value.ts';
import { annotationValueProblem } from '../../src/graph/annotations.ts';
import { testRule } from '../helpers/rule-tester.ts';

const s = testRule(annotationInvalidValue);

const accepted = (check: Parameters<typeof annotationValueProblem>[0], values: string[]) => values.filter((v) => annotationValueProblem(check, v) !== undefined);
const rejected = (check: Parameters<typeof annotationValueProblem>[0], values: string[]) => values.filter((v) => annotationValueProblem(check, v) === undefined);

s('value checks accept what the injector accepts', () => {
  assert.equal(accepted('bool', ['1', 't', 'TRUE', 'False', 'f']), []);
  assert.equal(accepted('quantity', ['100m', '1.5', '128Mi', '1e3', '+2', '.5Gi']), []);
  assert.equal(accepted('port', ['0', ' 15021 ', '65535']), []);
  assert.equal(accepted('uint32', ['0', '4294967295']), []);
  assert.equal(accepted('includeCidrs', ['*', '', '10.0.0.0/8,fd00::/8', '0.0.0.0/0']), []);
  assert.equal(accepted('cidrs', ['', '192.168.1.0/24']), []);
  assert.equal(accepted('includePorts', ['*', '', '80, 443']), []);
  assert.equal(accepted('ports', ['', ' 15020 ', '1,2,3']), []);
  assert.equal(accepted('interfaces', ['', 'eth0', 'eth0,net1']), []);
  assert.equal(accepted('proxyConfig', ['{}', '', 'concurrency: 2', '{"concurrency": 2}']), []);
});

s('value checks reject what the injector rejects', () => {
  assert.equal(rejected('bool', ['yes', 'on', 'TrUe', '']), []);
  assert.equal(rejected('quantity', ['', '1.5 cores', '100 m', 'm', '1Ki5']), []);
  assert.equal(rejected('interceptionMode', ['redirect', 'Redirect', '']), []);
  assert.equal(rejected('port', ['65536', '-1', 'http', '']), []);
  assert.equal(rejected('uint32', ['4294967296', ' 1', '-1', 'bar']), []);
  assert.equal(rejected('includeCidrs', ['10.0.0.0/8, 10.1.0.0/16', '10.0.0.0', '10.0.0.0/33', '10.0.0.0/08', '300.0.0.0/8', 'fe80::1%eth0/64', '*,10.0.0.0/8']), []);
  assert.equal(rejected('ports', ['80,', 'http', '70000']), []);
  assert.equal(rejected('includePorts', ['*,80']), []);
  assert.equal(rejected('interfaces', ['eth0,', 'a-very-long-interface0', 'eth 0', '..']), []);
  assert.equal(rejected('proxyConfig', ['[1, 2]', '{concurrency: ', 'text']), []);
});

s.run();
