// IP address syntax, written out so the schema stage does not load node:net at start-up (it costs more than
// the checks themselves on a small run).

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX = /^[0-9A-Fa-f]{1,4}$/;

/** 4 or 6 for an IPv4 or IPv6 address (as Go's net.ParseIP reads them), 0 otherwise. */
export function ipVersion(s: string): 0 | 4 | 6 {
  if (V4.test(s)) return 4;
  return isV6(s) ? 6 : 0;
}

function isV6(s: string): boolean {
  if (!s.includes(':')) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const parts = [...groups(halves[0]), ...(halves.length === 2 ? groups(halves[1]) : [])];
  let count = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (i === parts.length - 1 && V4.test(p)) count += 2;
    else if (HEX.test(p)) count += 1;
    else return false;
  }
  return halves.length === 2 ? count < 8 : count === 8;
}
