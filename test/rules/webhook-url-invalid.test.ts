import * as assert from 'uvu/assert';
import { webhookUrlInvalid } from '../../rules/webhook-url-invalid.ts';
import { urlHostname, urlProblem } from '../../src/graph/webhooks.ts';
import { testRule } from '../helpers/rule-tester.ts';

const s = testRule(webhookUrlInvalid);

s('URLs are read as Go url.Parse reads them', () => {
  const ok = ['https://istiod.example.com:15017/inject', 'https://[2001:db8::1]:15017/validate', 'https://10.0.0.1/x', 'istiod.istio-system.svc:15017/inject', 'https://host:/x'];
  assert.equal(ok.filter((u) => urlProblem(u) !== undefined), []);
  const bad = ['https://host:http/x', 'https://[2001:db8::1/x', ':15017/inject', 'https://host/%zz', 'https://ho st/x', 'https://host/\tx'];
  assert.equal(bad.filter((u) => urlProblem(u) === undefined), []);
});

s('the host of a URL drops the port and IPv6 brackets', () => {
  assert.equal(['https://user@10.0.0.1:15017/x', 'https://[2001:db8::1]:443/', 'https://istiod.example.com', 'istiod:15017/x'].map(urlHostname), ['10.0.0.1', '2001:db8::1', 'istiod.example.com', '']);
});

s.run();
