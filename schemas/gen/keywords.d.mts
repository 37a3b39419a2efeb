import type { KeywordDefinition } from 'ajv';

/** ajv keywords the validators are compiled with (x-closed, x-enum, x-types, x-exclusive, x-list-map-keys). */
export declare const keywords: KeywordDefinition[];
