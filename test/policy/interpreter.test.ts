import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { run, values } from './helpers.ts';

const lang = suite('policy interpreter: language');

lang('closures keep the binding of their own loop iteration', async () => {
  assert.equal(await values(`const fns = []; for (let i = 0; i < 3; i++) fns.push(() => i); say(fns.map((f) => f()));\nconst gs = []; for (const x of ['a', 'b']) gs.push(() => x); say(gs.map((g) => g()).join(''));`), ['[0,1,2]', 'ab']);
});

lang('destructuring with defaults and rest, in declarations, parameters and loops', async () => {
  assert.equal(
    await values(`const { a = 1, b: { c } = { c: 2 }, ...rest } = { d: 4, e: 5 }; say([a, c, rest]);\nconst [x, , y = 9, ...zs] = [1, 2, undefined, 4, 5]; say([x, y, zs]);\nconst f = ({ p, q = 3 }, ...more) => p + q + more.length; say(f({ p: 1 }, 0, 0));\nfor (const [k, v] of Object.entries({ m: 1 })) say(k + v);`),
    ['[1,2,{"d":4,"e":5}]', '[1,9,[4,5]]', '6', 'm1'],
  );
});

lang('control flow: if/else, while, do-while, for, break, continue, switch, return', async () => {
  assert.equal(
    await values(`let n = 0; while (true) { n++; if (n > 4) break; } say(n);\nlet m = 0; do { m += 3; } while (m < 7); say(m);\nlet s = ''; for (let i = 0; i < 6; i++) { if (i % 2) continue; s += i; } say(s);\nconst kind = (v) => { switch (typeof v) { case 'number': return 'n'; case 'string': case 'boolean': return 'p'; default: return 'o'; } }; say([kind(1), kind('x'), kind(true), kind(null)].join(''));\nfunction fact(k) { return k <= 1 ? 1 : k * fact(k - 1); } say(fact(6));`),
    ['5', '9', '024', 'nppo', '720'],
  );
});

lang('operators, optional chaining, nullish coalescing, templates, typeof, in', async () => {
  assert.equal(
    await values(`say([1 + 2 * 3, 7 % 4, 2 ** 10, 'a' + 1, 5 > 3 && 'yes', null ?? 'd', 0 || 'z', typeof undefined, 'x' in { x: 1 }, 1 in [5, 6], 3 in [5]]);\nsay(vs.spec?.tcp?.[0]?.route ?? 'none'); say(vs.metadata.labels?.app?.length);\nsay(\`\${vs.metadata.name}:\${[1, [2, 3]]}:\${{}}\`);\nlet c = 1; c += 2; c **= 2; c ??= 0; say(c); let u; u ??= 'set'; say(u);`),
    ['[7,3,1024,"a1","yes","d","z","undefined",true,true,false]', 'none', 'undefined', 'reviews:1,2,3:[object Object]', '9', 'set'],
  );
});

lang('TypeScript-only syntax is accepted and ignored', async () => {
  const top = `type Port = { number: number };\ninterface Named { name?: string }\nfunction port(p: Port): number { return p.number; }\nconst enabled = true as boolean;`;
  assert.equal(await values(`const p = { number: 80 } satisfies Port; const v: Named = vs.spec.http![0] as Named; say([port(p), v.name, enabled, (<number>1) + 1]);`, top), ['[80,"a",true,2]']);
});

const builtins = suite('policy interpreter: built-ins');

builtins('arrays, strings, numbers and regular expressions', async () => {
  assert.equal(
    await values(`say([3, 1, 2].toSorted()); say([1, 2, 3].filter((x) => x > 1).map((x) => x * 2).reduce((a, b) => a + b, 0)); say([[1], [2, [3]]].flat(2)); say(['a', 'b'].entries());\nsay('Reviews-V2'.toLowerCase().split('-')); say('  x '.trim().padStart(3, '.')); say((3.14159).toFixed(2)); say(/^v(\\d+)$/.exec('v12')[1]); say('a1b22'.replace(/\\d+/g, '#'));`),
    ['[1,2,3]', '10', '[1,2,3]', '[[0,"a"],[1,"b"]]', '["reviews","v2"]', '..x', '3.14', '12', 'a#b#'],
  );
});

builtins('Object, Math, Number, String, JSON, Set and Map', async () => {
  assert.equal(
    await values(`say(Object.keys({ a: 1, b: 2 })); say(Object.fromEntries([['k', 1]])); say([Math.max(1, 5, 3), Math.floor(2.7), Number('42'), Number.isInteger(4), String(12), parseInt('08', 10)]);\nconst s = new Set(['a', 'a', 'b']); s.add('c'); say([s.size, s.has('b'), [...s]]);\nconst m = new Map([['x', 1]]); m.set('y', 2); say([m.get('y'), m.size, m.keys(), [...m.entries()]]);\nsay(JSON.stringify({ a: [1, { b: null }] }, null, 1));`),
    ['["a","b"]', '{"k":1}', '[5,2,42,true,"12",8]', '[3,true,["a","b","c"]]', '[2,2,["x","y"],[["x",1],["y",2]]]', '{\n "a": [\n  1,\n  {\n   "b": null\n  }\n ]\n}'],
  );
});

builtins('ctx queries answer from the mesh graph', async () => {
  const yaml = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bookinfo\n  labels:\n    istio-injection: enabled\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: reviews-v1\n  namespace: bookinfo\nspec:\n  template:\n    metadata:\n      labels:\n        app: reviews\n        version: v1\n    spec:\n      containers:\n      - name: reviews\n        image: reviews:1.0\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\n  namespace: bookinfo\nspec:\n  selector:\n    app: reviews\n  ports:\n  - port: 9080\n    name: http\n---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: bookinfo\nspec:\n  host: reviews\n  subsets:\n  - name: v1\n    labels:\n      version: v1\n---\n${VS_TEXT}`;
  const body = `ctx.report({ message: JSON.stringify([ctx.identity().namespace, ctx.resources('Deployment').length, ctx.resources('apps/Deployment').length, ctx.resources('core/Service').length, ctx.resources('networking.istio.io/Deployment').length, ctx.namespace('bookinfo').labels['istio-injection'], ctx.servicesForHost('reviews').map((s) => s.name), ctx.workloadsForSelector({ app: 'reviews' }).map((w) => w.labels.version), ctx.destinationRulesFor('reviews').map((d) => d.subsets[0].name), ctx.meshConfig().rootNamespace]) });`;
  assert.equal(await run(body, { yaml }), ['org/test ["bookinfo",1,1,1,0,"enabled",["reviews"],["v1"],["v1"],"istio-system"]']);
});

builtins('ctx.sidecar and ctx.mtls answer from the security model, for a resource or a workload answer', async () => {
  const yaml = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bookinfo\n  labels:\n    istio-injection: enabled\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: legacy\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: reviews-v1\n  namespace: bookinfo\nspec:\n  template:\n    metadata:\n      labels:\n        app: reviews\n    spec:\n      containers:\n      - name: reviews\n        image: reviews:1.0\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: old\n  namespace: legacy\nspec:\n  template:\n    metadata:\n      labels:\n        app: old\n    spec:\n      containers:\n      - name: old\n        image: old:1.0\n---\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: reviews\n  namespace: bookinfo\nspec:\n  selector:\n    matchLabels:\n      app: reviews\n  mtls:\n    mode: STRICT\n  portLevelMtls:\n    9080:\n      mode: PERMISSIVE\n---\n${VS_TEXT}`;
  const body = `const [reviews] = ctx.workloadsForSelector({ app: 'reviews' }); const old = ctx.resources('Deployment', 'legacy')[0];
const pa = ctx.mtls(reviews).policy;
ctx.report({ message: JSON.stringify([ctx.sidecar(reviews), ctx.sidecar(old).state, ctx.sidecar(old).reason, ctx.mtls(reviews).mode, ctx.mtls(reviews).level, ctx.identity(pa).name, ctx.mtls(reviews.resource, 9080).mode, ctx.mtls(old).mode, ctx.mtls(old).level, ctx.sidecar(vs)]) });`;
  assert.equal(await run(body, { yaml }), ['org/test [{"state":"in","mode":"sidecar","reason":"namespace \\"bookinfo\\" has istio-injection=enabled"},"out","namespace \\"legacy\\" has no istio-injection label","STRICT","workload","reviews","PERMISSIVE","PERMISSIVE","default",null]']);
  const [d] = await run(`ctx.mtls(vs, '80')`, { yaml });
  assert.match(d, /^policy-error .*port must be a container port number, got a string/);
});

builtins('resources and graph answers are read-only, however they are reached; what the policy builds is writable', async () => {
  const attempts = [
    `vs.metadata.name = 'x'`,
    `vs.spec.http[0].name = 'x'`,
    `vs.spec.hosts.push('x')`,
    `const { spec } = vs; spec.hosts.sort()`,
    `for (const r of vs.spec.http) r.timeout = '1s'`,
    `vs.spec.http.find(() => true).name = 'x'`,
    `Object.values(vs.spec)[0].reverse()`,
    `[...vs.spec.http][0].name = 'x'`,
    `({ ...vs }).spec.hosts.length = 0`,
    `ctx.namespaces().push(1)`,
    `ctx.meshConfig().rootNamespace = 'x'`,
    `ctx.identity().name = 'x'`,
    `ctx.resources('VirtualService')[0].spec.hosts.splice(0)`,
  ];
  for (const a of attempts) {
    const out = await run(a);
    assert.is(out.length, 1, a);
    assert.match(out[0], /^policy-error .*resources and graph answers are read-only/, a);
  }
  assert.equal(
    await values(`const h = [...vs.spec.hosts]; h.push('x'); const o = { ...vs.metadata, name: 'y' }; o.labels = {}; o.labels.a = 1; const e = Object.entries({ a: 1 }); e[0][1] = 2;
const m = 'a-b'.match(/(a)-(b)/); m.push('c'); const names = vs.spec.http.map((r) => r.name); names.reverse(); const [first, ...rest] = [1, 2, 3]; rest.push(4);
const { name, ...meta } = vs.metadata; meta.extra = true; const s = new Set(); s.add(1); say([h, o.name, o.labels, e, m.length, names, rest, meta.extra, s.size, vs.spec.hosts]);`),
    ['[["reviews","x"],"y",{"a":1},[["a",2]],4,["a"],[2,3,4],true,1,["reviews"]]'],
  );
});

const VS_TEXT = `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n  namespace: bookinfo\nspec:\n  hosts:\n  - reviews\n  http:\n  - route:\n    - destination:\n        host: reviews\n`;

lang.run();
builtins.run();
