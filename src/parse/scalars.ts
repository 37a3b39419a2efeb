// kubectl reads manifests through sigs.k8s.io/yaml, i.e. go-yaml v2, whose plain-scalar resolution is
// YAML 1.1 with its own quirks (no sexagesimal numbers, Go's ParseInt/ParseFloat rules). We reproduce
// that table exactly so a value means here what it means to the API server.

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/;

/** What a plain (unquoted, untagged) scalar resolves to. */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Fast exit for the common case: a plain word starting with a letter that is none of the keywords.
  if (s.length > 5 && ((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) return s;
  if (NULL.has(s)) return null;
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) return resolveNumber(s);
  return s;
}

function resolveNumber(s: string): unknown {
  switch (s) {
    case '.nan': case '.NaN': case '.NAN': return NaN;
    case '.inf': case '.Inf': case '.INF': case '+.inf': case '+.Inf': case '+.INF': return Infinity;
    case '-.inf': case '-.Inf': case '-.INF': return -Infinity;
  }
  const plain = s.includes('_') ? s.replace(/_/g, '') : s;
  if (GO_INT.test(plain)) {
    const neg = plain[0] === '-';
    const body = plain[0] === '-' || plain[0] === '+' ? plain.slice(1) : plain;
    let v: number;
    if (/^0[xX]/.test(body)) v = parseInt(body.slice(2), 16);
    else if (/^0[bB]/.test(body)) v = parseInt(body.slice(2), 2);
    else if (/^0[oO]/.test(body)) v = parseInt(body.slice(2), 8);
    else if (body.length > 1 && body[0] === '0') v = parseInt(body.slice(1), 8);
    else v = Number(body);
    return neg ? -v : v;
  }
  if (YAML_STYLE_FLOAT.test(plain)) return Number(plain);
  return s;
}

/** True when a plain scalar means something else in YAML 1.2 (what most editors and people assume). */
export function isYaml11Surprise(source: string, value: unknown): boolean {
  if (typeof value === 'boolean') return source !== 'true' && source !== 'false' && source !== 'True' && source !== 'False' && source !== 'TRUE' && source !== 'FALSE';
  if (typeof value === 'number') return /^[-+]?0[0-7]+$/.test(source.replace(/_/g, '')) || source.includes('_');
  return false;
}

/** Resolves a scalar with an explicit core tag (`!!str 12`); unknown tags keep the string. */
export function resolveTagged(tag: string, s: string): unknown {
  switch (tag) {
    case '!!str': case 'tag:yaml.org,2002:str': case '!': return s;
    case '!!int': case 'tag:yaml.org,2002:int':
    case '!!float': case 'tag:yaml.org,2002:float': {
      const v = resolveNumber(s);
      return typeof v === 'number' ? v : s;
    }
    case '!!bool': case 'tag:yaml.org,2002:bool':
      return TRUE.has(s) ? true : FALSE.has(s) ? false : s;
    case '!!null': case 'tag:yaml.org,2002:null': return null;
    default: return resolvePlain(s);
  }
}
