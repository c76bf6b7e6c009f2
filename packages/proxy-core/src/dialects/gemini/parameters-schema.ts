/**
 * Gemini function declarations give their arguments either as `parametersJsonSchema` (JSON Schema, kept as is) or
 * as `parameters`, Google's OpenAPI 3.0 subset: upper-case types (`OBJECT`, the `Type` enum of `@google/genai`),
 * `nullable`, and the Gemini-only `propertyOrdering`. Other providers validate JSON Schema and refuse `"OBJECT"`,
 * so `parameters` becomes JSON Schema here: types lower-cased, `nullable: true` a `"null"` type, the ordering hint
 * left out (it only orders Gemini's own output).
 */

type Schema = Readonly<Record<string, unknown>>;

/** Keys whose value is one schema. */
const SCHEMA_KEYS = ['items', 'additionalProperties', 'not'] as const;
/** Keys whose value is a list of schemas. */
const SCHEMA_LIST_KEYS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const;
/** Keys whose value maps names to schemas. */
const SCHEMA_MAP_KEYS = ['properties', '$defs', 'definitions'] as const;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(type: unknown, nullable: boolean): unknown {
  const lower = typeof type === 'string' ? type.toLowerCase() : type;
  if (!nullable || lower === undefined) return lower;
  return Array.isArray(lower) ? [...(lower as unknown[]), 'null'] : [lower, 'null'];
}

export function openApiToJsonSchema(schema: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable' || key === 'propertyOrdering' || key === '__proto__') continue;
    if (key === 'type') out[key] = typeOf(value, schema['nullable'] === true);
    else if ((SCHEMA_KEYS as readonly string[]).includes(key) && isSchema(value))
      out[key] = openApiToJsonSchema(value);
    else if ((SCHEMA_LIST_KEYS as readonly string[]).includes(key) && Array.isArray(value))
      out[key] = value.map((item: unknown) => (isSchema(item) ? openApiToJsonSchema(item) : item));
    else if ((SCHEMA_MAP_KEYS as readonly string[]).includes(key) && isSchema(value))
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, item]) => [
          name,
          isSchema(item) ? openApiToJsonSchema(item) : item,
        ]),
      );
    else out[key] = value;
  }
  return out;
}
