import { readFileSync } from 'node:fs';
import * as jsyaml from 'js-yaml';
import { parseSources } from './src/parse/index.ts';
const text = readFileSync('/tmp/ptest/big.yaml', 'utf8');
function t(name: string, fn: () => void) { for (let i = 0; i < 3; i++) fn(); const s = performance.now(); for (let i = 0; i < 5; i++) fn(); console.log(name, ((performance.now() - s) / 5).toFixed(1), 'ms'); }
t('js-yaml loadAll', () => jsyaml.loadAll(text));
t('parseSources', () => parseSources([{ path: 'big.yaml', absPath: '/big.yaml', text }]));
t('js-yaml loadAll', () => jsyaml.loadAll(text));
t('parseSources', () => parseSources([{ path: 'big.yaml', absPath: '/big.yaml', text }]));
