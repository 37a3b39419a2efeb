// Resolves every identifier before anything runs: each binding gets a slot in a frame (an array), and each
// reference a fixed frame depth, so the interpreter never looks a name up at run time. Block scopes get a
// frame of their own only when a closure captures one of their bindings (per-iteration loop bindings).
import { FORBIDDEN_GLOBALS, GLOBALS } from '../runtime/builtins.ts';
import type { LoadProblem } from '../subset.ts';

type Node = any;

export type BindingKind = 'const' | 'let' | 'function' | 'param' | 'import' | 'self';

export interface Binding {
  name: string;
  kind: BindingKind;
  scope: Scope;
  slot: number;
  captured: boolean;
  /** An import used only as a type (no value at run time). */
  typeOnly: boolean;
  /** For imports: the exported name. */
  imported?: string;
}

export interface Scope {
  parent: Scope | null;
  isFunction: boolean;
  names: Map<string, Binding>;
  /** True when the scope has a frame of its own at run time. */
  frame: boolean;
  /** The scope whose frame holds this scope's bindings. */
  owner: Scope;
  /** Number of slots of the frame (slot 0 links to the parent frame). */
  size: number;
}

export interface Analysis {
  scopeOf: Map<Node, Scope>;
  /** Identifier reference → its binding, or null for a whitelisted global. */
  refs: Map<Node, Binding | null>;
}

const TYPE_WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'TSInstantiationExpression']);
const SKIP_KEYS = new Set(['type', 'loc', 'range', 'parent', 'typeAnnotation', 'typeParameters', 'typeArguments', 'returnType', 'decorators']);

export function analyze(program: Node, file: string, problems: LoadProblem[], runtimeImports: ReadonlySet<string>): Analysis {
  const scopeOf = new Map<Node, Scope>();
  const refs = new Map<Node, Binding | null>();
  const scopes: Scope[] = [];
  const pending: { id: Node; scope: Scope; write: boolean }[] = [];
  const problem = (node: Node, message: string) => problems.push({ file, line: node.loc.start.line, column: node.loc.start.column + 1, message });

  const newScope = (parent: Scope | null, isFunction: boolean, node: Node): Scope => {
    const s: Scope = { parent, isFunction, names: new Map(), frame: false, owner: null as unknown as Scope, size: 1 };
    scopes.push(s);
    scopeOf.set(node, s);
    return s;
  };
  const declare = (id: Node, kind: BindingKind, scope: Scope, typeOnly = false, imported?: string) => {
    if (scope.names.has(id.name)) {
      problem(id, `"${id.name}" is declared twice in the same scope`);
      return;
    }
    scope.names.set(id.name, { name: id.name, kind, scope, slot: 0, captured: false, typeOnly, imported });
  };
  const declarePattern = (p: Node, scope: Scope, kind: BindingKind): void => {
    if (!p) return;
    switch (p.type) {
      case 'Identifier':
        return declare(p, kind, scope);
      case 'ObjectPattern':
        for (const prop of p.properties) declarePattern(prop.type === 'RestElement' ? prop.argument : prop.value, scope, kind);
        return;
      case 'ArrayPattern':
        for (const e of p.elements) declarePattern(e, scope, kind);
        return;
      case 'RestElement':
        return declarePattern(p.argument, scope, kind);
      case 'AssignmentPattern':
        return declarePattern(p.left, scope, kind);
    }
  };
  const hoist = (stmts: Node[], scope: Scope) => {
    for (let s of stmts) {
      if (s.type === 'ExportNamedDeclaration' || (s.type === 'ExportDefaultDeclaration' && s.declaration.type === 'FunctionDeclaration')) s = s.declaration;
      if (!s) continue;
      if (s.type === 'VariableDeclaration') for (const d of s.declarations) declarePattern(d.id, scope, s.kind === 'const' ? 'const' : 'let');
      else if (s.type === 'FunctionDeclaration' && s.id) declare(s.id, 'function', scope);
      else if (s.type === 'ImportDeclaration') {
        for (const spec of s.specifiers) declare(spec.local, 'import', scope, s.importKind === 'type' || spec.importKind === 'type', spec.imported?.name ?? spec.imported?.value);
      }
    }
  };

  const visitFunction = (node: Node, scope: Scope) => {
    const s = newScope(scope, true, node);
    if (node.type === 'FunctionExpression' && node.id) declare(node.id, 'self', s);
    for (const p of node.params) declarePattern(p, s, 'param');
    for (const p of node.params) visitPattern(p, s, false);
    if (node.body.type === 'BlockStatement') {
      hoist(node.body.body, s);
      for (const st of node.body.body) visitStmt(st, s);
    } else visitExpr(node.body, s);
  };
  // Walks the defaults and computed keys of a pattern; with `write`, its identifiers are assignment targets.
  const visitPattern = (p: Node, scope: Scope, write: boolean): void => {
    if (!p) return;
    switch (p.type) {
      case 'Identifier':
        if (write) pending.push({ id: p, scope, write: true });
        return;
      case 'ObjectPattern':
        for (const prop of p.properties) {
          if (prop.type === 'RestElement') visitPattern(prop.argument, scope, write);
          else {
            if (prop.computed) visitExpr(prop.key, scope);
            visitPattern(prop.value, scope, write);
          }
        }
        return;
      case 'ArrayPattern':
        for (const e of p.elements) visitPattern(e, scope, write);
        return;
      case 'RestElement':
        return visitPattern(p.argument, scope, write);
      case 'AssignmentPattern':
        visitPattern(p.left, scope, write);
        return visitExpr(p.right, scope);
      default:
        if (TYPE_WRAPPERS.has(p.type)) return visitPattern(p.expression, scope, write);
        return visitExpr(p, scope);
    }
  };
  const visitStmt = (node: Node, scope: Scope): void => {
    switch (node.type) {
      case 'ExportNamedDeclaration':
        if (node.declaration) visitStmt(node.declaration, scope);
        return;
      case 'ExportDefaultDeclaration':
        if (node.declaration.type === 'FunctionDeclaration') return visitFunction(node.declaration, scope);
        return visitExpr(node.declaration, scope);
      case 'VariableDeclaration':
        for (const d of node.declarations) {
          visitPattern(d.id, scope, false);
          if (d.init) visitExpr(d.init, scope);
        }
        return;
      case 'FunctionDeclaration':
        return visitFunction(node, scope);
      case 'BlockStatement': {
        const s = newScope(scope, false, node);
        hoist(node.body, s);
        for (const st of node.body) visitStmt(st, s);
        return;
      }
      case 'ForStatement': {
        const s = newScope(scope, false, node);
        if (node.init?.type === 'VariableDeclaration') {
          hoist([node.init], s);
          visitStmt(node.init, s);
        } else if (node.init) visitExpr(node.init, s);
        if (node.test) visitExpr(node.test, s);
        if (node.update) visitExpr(node.update, s);
        return visitStmt(node.body, s);
      }
      case 'ForOfStatement': {
        visitExpr(node.right, scope);
        const s = newScope(scope, false, node);
        if (node.left.type === 'VariableDeclaration') {
          hoist([node.left], s);
          visitPattern(node.left.declarations[0].id, s, false);
        } else visitPattern(node.left, s, true);
        return visitStmt(node.body, s);
      }
      case 'SwitchStatement': {
        visitExpr(node.discriminant, scope);
        const s = newScope(scope, false, node);
        hoist(node.cases.flatMap((c: Node) => c.consequent), s);
        for (const c of node.cases) {
          if (c.test) visitExpr(c.test, s);
          for (const st of c.consequent) visitStmt(st, s);
        }
        return;
      }
      case 'ImportDeclaration':
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'EmptyStatement':
      case 'TSTypeAliasDeclaration':
      case 'TSInterfaceDeclaration':
      case 'TSDeclareFunction':
        return;
      default:
        return visitChildren(node, scope);
    }
  };
  const visitExpr = (node: Node, scope: Scope): void => {
    if (!node) return;
    switch (node.type) {
      case 'Identifier':
        pending.push({ id: node, scope, write: false });
        return;
      case 'MemberExpression':
        visitExpr(node.object, scope);
        if (node.computed) visitExpr(node.property, scope);
        return;
      case 'Property':
        if (node.computed) visitExpr(node.key, scope);
        return visitExpr(node.value, scope);
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return visitFunction(node, scope);
      case 'AssignmentExpression':
        visitPattern(node.left, scope, true);
        if (node.operator !== '=' && node.left.type === 'Identifier') pending.push({ id: node.left, scope, write: false });
        return visitExpr(node.right, scope);
      case 'UpdateExpression':
        return visitPattern(node.argument, scope, true);
      default:
        if (TYPE_WRAPPERS.has(node.type)) return visitExpr(node.expression, scope);
        return visitChildren(node, scope);
    }
  };
  const visitChildren = (node: Node, scope: Scope) => {
    for (const key of Object.keys(node)) {
      if (SKIP_KEYS.has(key)) continue;
      const v = node[key];
      if (Array.isArray(v)) for (const c of v) c && typeof c.type === 'string' && (isStatement(c) ? visitStmt(c, scope) : visitExpr(c, scope));
      else if (v && typeof v === 'object' && typeof v.type === 'string') isStatement(v) ? visitStmt(v, scope) : visitExpr(v, scope);
    }
  };

  const module = newScope(null, true, program);
  hoist(program.body, module);
  for (const st of program.body) visitStmt(st, module);

  for (const { id, scope, write } of pending) {
    let s: Scope | null = scope;
    let crossed = false;
    let b: Binding | undefined;
    while (s) {
      b = s.names.get(id.name);
      if (b) break;
      if (s.isFunction) crossed = true;
      s = s.parent;
    }
    if (b) {
      if (crossed) b.captured = true;
      if (write && b.kind === 'const') problem(id, `cannot assign to const "${id.name}"; declare it with let`);
      else if (write && (b.kind === 'import' || b.kind === 'self')) problem(id, `cannot assign to "${id.name}"`);
      if (b.typeOnly && !write) problem(id, `"${id.name}" is imported as a type; it has no value at run time`);
      else if (b.kind === 'import' && !write && !runtimeImports.has(b.imported ?? '')) problem(id, `"meshlint/policy" has no value "${b.imported}" at run time (only ${[...runtimeImports].join(', ')}); types are imported with "import type"`);
      refs.set(id, b);
    } else if (GLOBALS.has(id.name)) {
      if (write) problem(id, `cannot assign to the built-in "${id.name}"`);
      refs.set(id, null);
    } else {
      const hint = FORBIDDEN_GLOBALS.get(id.name);
      problem(id, hint ? `"${id.name}" is not available in policies; ${hint}` : `unknown name "${id.name}" (declare it, or use a whitelisted built-in: Math, JSON, Object, Array, Number, String, Set, Map)`);
    }
  }

  for (const s of scopes) {
    s.frame = s.isFunction || [...s.names.values()].some((b) => b.captured);
    s.owner = s.frame ? s : s.parent!.owner;
    for (const b of s.names.values()) b.slot = s.owner.size++;
  }
  return { scopeOf, refs };
}

const STATEMENTS = /Statement$|Declaration$/;
function isStatement(node: Node): boolean {
  return STATEMENTS.test(node.type) && node.type !== 'FunctionExpression';
}

/** Number of frame hops from code in `site` to the frame holding `b`. */
export function depthOf(site: Scope, b: Binding): number {
  let s = site.owner;
  let d = 0;
  while (s !== b.scope.owner) {
    s = s.parent!.owner;
    d++;
  }
  return d;
}
