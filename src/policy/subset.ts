// The language subset policies are written in. Everything outside it is rejected when the policy loads,
// with the position and what to write instead, so a policy never reaches the interpreter half-understood.
import { FORBIDDEN_KEYS } from './runtime/values.ts';

export interface LoadProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

type Node = any;

/** Node types that are pure TypeScript types: skipped (they have no run-time meaning). */
const TYPE_ONLY = new Set(['TSTypeAliasDeclaration', 'TSInterfaceDeclaration', 'TSDeclareFunction']);
/** Expression wrappers that only carry a type: the wrapped expression is checked. */
const TYPE_WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'TSInstantiationExpression']);
const SKIP_KEYS = new Set(['type', 'loc', 'range', 'parent', 'typeAnnotation', 'typeParameters', 'typeArguments', 'returnType', 'decorators', 'importKind', 'exportKind']);

const ALLOWED = new Set([
  'Program', 'ImportDeclaration', 'ImportSpecifier', 'ExportDefaultDeclaration', 'ExportNamedDeclaration', 'VariableDeclaration',
  'VariableDeclarator', 'FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'BlockStatement', 'ExpressionStatement',
  'IfStatement', 'ForStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement', 'SwitchStatement', 'SwitchCase', 'BreakStatement',
  'ContinueStatement', 'ReturnStatement', 'EmptyStatement', 'Identifier', 'Literal', 'TemplateLiteral', 'TemplateElement', 'ArrayExpression',
  'ObjectExpression', 'Property', 'SpreadElement', 'RestElement', 'ObjectPattern', 'ArrayPattern', 'AssignmentPattern', 'MemberExpression',
  'ChainExpression', 'CallExpression', 'NewExpression', 'UnaryExpression', 'UpdateExpression', 'BinaryExpression', 'LogicalExpression',
  'AssignmentExpression', 'ConditionalExpression', 'SequenceExpression',
]);

/** Rejected constructs and what to write instead. */
const REJECTED: Record<string, string> = {
  ClassDeclaration: 'classes are not supported; use plain objects and functions',
  ClassExpression: 'classes are not supported; use plain objects and functions',
  ThisExpression: '`this` is not supported; pass the value as a parameter',
  Super: '`super` is not supported; use plain objects and functions',
  AwaitExpression: '`await` is not supported; policies are synchronous',
  YieldExpression: 'generators are not supported; build and return an array',
  WithStatement: '`with` is not supported; name the object (obj.key)',
  ForInStatement: 'for…in is not supported; use for (const key of Object.keys(obj))',
  LabeledStatement: 'labels are not supported; use a flag, or return from a helper function',
  TryStatement: 'try/catch is not supported; a run-time error becomes a policy-error finding',
  ThrowStatement: '`throw` is not supported; report the problem with ctx.report({ message })',
  ImportExpression: 'dynamic import() is not supported; policies cannot load code',
  MetaProperty: 'import.meta and new.target are not supported',
  TaggedTemplateExpression: 'tagged templates are not supported; call a function with the string',
  DebuggerStatement: '`debugger` is not supported; remove it',
  ExportAllDeclaration: 're-exports are not supported; export default definePolicy({…})',
  PrivateIdentifier: 'private names are not supported; use plain objects',
  TSEnumDeclaration: 'enums are not supported; use a const object ({ A: "a" }) or string literals',
  TSModuleDeclaration: 'namespaces are not supported; use top-level functions',
  TSImportEqualsDeclaration: 'import = require() is not supported; the only import is `import { definePolicy } from "meshlint/policy"`',
  TSExportAssignment: '`export =` is not supported; export default definePolicy({…})',
  TSAbstractMethodDefinition: 'classes are not supported; use plain objects and functions',
  Decorator: 'decorators are not supported',
  StaticBlock: 'classes are not supported; use plain objects and functions',
};

export function checkSubset(program: Node, file: string): LoadProblem[] {
  const problems: LoadProblem[] = [];
  const report = (node: Node, message: string) => {
    const { line, column } = node.loc.start;
    problems.push({ file, line, column: column + 1, message });
  };
  const visit = (node: Node): void => {
    if (!node || typeof node.type !== 'string') return;
    const t = node.type;
    if (TYPE_ONLY.has(t)) return;
    if (TYPE_WRAPPERS.has(t)) return visit(node.expression);
    if (t.startsWith('JSX')) return report(node, 'JSX is not supported in policies');
    const rejected = REJECTED[t];
    if (rejected) return report(node, rejected);
    if (!ALLOWED.has(t)) return report(node, `${t} is not supported in policies`);
    if (node.decorators?.length) report(node.decorators[0], REJECTED.Decorator);
    if (checkNode(node, report) === 'skip') return;
    for (const key of Object.keys(node)) {
      if (SKIP_KEYS.has(key)) continue;
      const v = node[key];
      if (Array.isArray(v)) for (const c of v) visit(c);
      else if (v && typeof v === 'object' && typeof v.type === 'string') visit(v);
    }
  };
  visit(program);
  return problems;
}

/** A static property name, when the key is one (identifier, string literal, template without expressions). */
export function staticKey(key: Node, computed: boolean): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0].value.cooked ?? undefined;
  return undefined;
}

function checkName(node: Node, name: string | undefined, report: (n: Node, m: string) => void): void {
  if (name !== undefined && FORBIDDEN_KEYS.has(name)) report(node, `the property name "${name}" is not allowed in policies (it reaches prototypes and the Function constructor)`);
}

/** Per-node rules beyond the node type; 'skip' stops the walk below this node. */
function checkNode(node: Node, report: (n: Node, m: string) => void): 'skip' | void {
  switch (node.type) {
    case 'ImportDeclaration':
      if (node.importKind === 'type') return 'skip';
      if (node.source.value !== 'meshlint/policy') {
        report(node.source, `only "meshlint/policy" can be imported (policies cannot load other code): import { definePolicy } from 'meshlint/policy'`);
        return 'skip';
      }
      for (const s of node.specifiers) {
        if (s.type !== 'ImportSpecifier') report(s, `write import { definePolicy } from 'meshlint/policy'`);
      }
      return 'skip';
    case 'ExportNamedDeclaration':
      if (node.exportKind === 'type') return 'skip';
      if (node.source || !node.declaration) report(node, 're-exports and export lists are not supported; export declarations or export default definePolicy({…})');
      return;
    case 'VariableDeclaration':
      if (node.declare) report(node, '`declare` has no value at run time; remove it');
      else if (node.kind !== 'const' && node.kind !== 'let') report(node, `\`${node.kind}\` is not supported; use let or const`);
      return;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      if (node.async) report(node, 'async functions are not supported; policies are synchronous');
      if (node.generator) report(node, 'generators are not supported; build and return an array');
      for (const p of node.params) if (p.type === 'Identifier' && p.name === 'this') report(p, '`this` is not supported; pass the value as a parameter');
      return;
    case 'ForOfStatement':
      if (node.await) report(node, 'for await is not supported; policies are synchronous');
      return;
    case 'BreakStatement':
    case 'ContinueStatement':
      if (node.label) report(node.label, 'labels are not supported; use a flag, or return from a helper function');
      return 'skip';
    case 'Literal':
      if (typeof node.bigint === 'string') report(node, 'BigInt literals are not supported; use numbers');
      if (node.regex) {
        try {
          new RegExp(node.regex.pattern, node.regex.flags);
        } catch (e: any) {
          report(node, `invalid regular expression: ${e.message}`);
        }
      }
      return;
    case 'MemberExpression':
      checkName(node.property, staticKey(node.property, node.computed), report);
      return;
    case 'Property':
      if (node.kind === 'get' || node.kind === 'set') report(node, 'getters and setters are not supported; use a plain property or a function');
      checkName(node.key, staticKey(node.key, node.computed), report);
      return;
    case 'UnaryExpression':
      if (node.operator === 'delete') report(node, '`delete` is not supported; build a new object without the key: const { key, ...rest } = obj');
      return;
    case 'BinaryExpression':
      if (node.operator === 'instanceof') report(node, '`instanceof` is not supported; use Array.isArray(x) or typeof x');
      return;
    case 'NewExpression':
      if (node.callee.type !== 'Identifier' || (node.callee.name !== 'Set' && node.callee.name !== 'Map')) report(node, 'constructors are not available; only new Set(…) and new Map(…) are (use object literals for the rest)');
      return;
  }
}
