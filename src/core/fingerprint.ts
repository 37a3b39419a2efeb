import { createHash } from 'node:crypto';
import type { ResourceRef } from './types.ts';

/** Identity of a finding that survives line moves: rule, resource and field, never the line. */
export function fingerprint(ruleId: string, resource: ResourceRef | undefined, file: string, pointer: string | undefined, discriminator = ''): string {
  const who = resource ? `${resource.kind}/${resource.namespace}/${resource.name}` : file;
  return createHash('sha1').update(`${ruleId}\0${who}\0${pointer ?? ''}\0${discriminator}`).digest('hex').slice(0, 16);
}
