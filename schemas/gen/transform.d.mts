/** Turns a Kubernetes structural schema into the JSON Schema the validators are compiled from, with its CEL skeleton. */
export declare class Transformer {
  constructor(options?: { refPrefix?: string; rules?: unknown[]; crd?: boolean });
  /** Shared table of the CEL rules the skeleton refers to by index. */
  rules: { rule: string; message?: string }[];
  /** Parts of the schema that could not be checked (RE2-only patterns, unknown formats). */
  dropped: string[];
  convert(node: unknown, path?: string): { schema: Record<string, unknown>; cel: unknown };
}

export declare function celEscape(name: string): string;
export declare function exclusiveFields(oneOf: unknown): string[] | undefined;
