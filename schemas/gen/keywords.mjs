// Code-generating ajv keywords for the checks plain JSON Schema words badly. They compile to inline code, so
// the generated validators need nothing from ajv at run time, and their errors carry the facts the message
// mapper needs (allowed values, the exclusive fields, the duplicate index) as literals.
import * as codegenModule from 'ajv/dist/compile/codegen/index.js';

// Node gives a CommonJS module as `default`; bundlers (meshlint's own custom-resource compiler) give its exports.
const codegen = codegenModule.default ?? codegenModule;
const { _, or, and, not, stringify } = codegen;

const TYPE_TEST = {
  integer: (d) => _`(typeof ${d} == "number" && !(${d} % 1) && !isNaN(${d}))`,
  number: (d) => _`(typeof ${d} == "number" && isFinite(${d}))`,
  string: (d) => _`(typeof ${d} == "string")`,
  boolean: (d) => _`(typeof ${d} == "boolean")`,
  object: (d) => _`(${d} && typeof ${d} == "object" && !Array.isArray(${d}))`,
  array: (d) => _`Array.isArray(${d})`,
};

export const keywords = [
  {
    // additionalProperties: false, with the known names in the error so a typo can get a suggestion.
    keyword: 'x-closed',
    type: 'object',
    schemaType: 'array',
    error: { message: 'unknown', params: ({ params }) => _`{additionalProperty: ${params.additionalProperty}, known: ${params.known}}` },
    code(cxt) {
      const { gen, data, schema } = cxt;
      const known = gen.scopeValue('obj', { ref: schema, code: stringify(schema) });
      const set = gen.scopeValue('obj', { ref: new Set(schema), code: _`new Set(${known})` });
      gen.forIn('key', data, (key) => {
        gen.if(_`!${set}.has(${key})`, () => {
          cxt.setParams({ additionalProperty: key, known });
          cxt.error();
        });
      });
    },
  },
  {
    keyword: 'x-enum',
    schemaType: 'array',
    error: { message: 'enum', params: ({ schema }) => _`{allowedValues: ${stringify(schema)}}` },
    code(cxt) {
      const { data, schema } = cxt;
      const tests = [_`${data} === null`, ...schema.map((v) => _`${data} === ${v}`)];
      cxt.fail(not(or(...tests)));
    },
  },
  {
    keyword: 'x-types',
    schemaType: 'array',
    error: { message: 'type', params: ({ schema }) => _`{type: ${schema.join(',')}}` },
    code(cxt) {
      const { data, schema } = cxt;
      cxt.fail(and(_`${data} !== null`, not(or(...schema.map((t) => TYPE_TEST[t](data))))));
    },
  },
  {
    keyword: 'x-exclusive',
    type: 'object',
    schemaType: 'array',
    error: { message: 'exclusive', params: ({ schema }) => _`{fields: ${stringify(schema)}}` },
    code(cxt) {
      const { data, schema } = cxt;
      let sum = _`0`;
      for (const f of schema) sum = _`${sum} + (${data}[${f}] !== undefined && ${data}[${f}] !== null)`;
      cxt.fail(_`${sum} > 1`);
    },
  },
  {
    keyword: 'x-list-map-keys',
    type: 'array',
    schemaType: 'array',
    error: { message: 'duplicate', params: ({ schema, params }) => _`{keys: ${stringify(schema)}, index: ${params.dup}}` },
    code(cxt) {
      const { gen, data, schema } = cxt;
      // Most lists have 0 or 1 entries: test the length first, and build keys without JSON for one key.
      const keyOf = schema.length === 1 ? _`e[${schema[0]}]` : _`${schema.map((k) => _`String(e[${k}])`).reduce((a, b) => _`${a} + "\\x00" + ${b}`)}`;
      const dup = gen.const('dup', _`${data}.length < 2 ? -1 : (function (a) { var seen = new Set(); for (var i = 0; i < a.length; i++) { var e = a[i]; if (e === null || typeof e != "object") continue; var t = ${keyOf}; if (seen.has(t)) return i; seen.add(t); } return -1; })(${data})`);
      cxt.setParams({ dup });
      cxt.fail(_`${dup} >= 0`);
    },
  },
];
