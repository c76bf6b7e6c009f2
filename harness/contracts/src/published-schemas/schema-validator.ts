/**
 * JSON Schema 2020-12 validation (ajv) against the named schemas of a published OpenAPI 3.1 document, with
 * `$ref`s into `#/components/schemas` resolved inside the document.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { PublishedApi, SpecDocument } from './spec-documents.ts';

type Json = Record<string, unknown>;
const REF_PREFIX = '#/components/schemas/';
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);

/** The component a `{$ref: '#/components/schemas/X'}` member names (`X`), if it is one. */
function refName(member: unknown): string | undefined {
  const ref = isObject(member) ? member['$ref'] : undefined;
  return typeof ref === 'string' && ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : undefined;
}

/**
 * The documents as ajv can read them, meaning unchanged:
 * - OpenAI's 3.1 document still marks about a hundred schemas with OpenAPI 3.0's `nullable: true`, which is not
 *   a JSON Schema keyword (ajv rejects it without `type`). The authors mean "or null", as OpenAI's SDK generator
 *   reads it, so it becomes `anyOf: [schema, {type: null}]`.
 * - A `discriminator` is kept (without `mapping`, which only restates the members' own `type` constants) where
 *   ajv can use it, so a bad object is reported against the one member its `type` names instead of every
 *   member of the union; elsewhere it is dropped and the `oneOf`/`anyOf` validates as written.
 */
function prepare(node: unknown, schemas: Readonly<Record<string, unknown>>): unknown {
  if (Array.isArray(node)) return node.map((item) => prepare(item, schemas));
  if (!isObject(node)) return node;
  const { nullable, discriminator, ...rest } = node;
  const walked: Json = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [key, prepare(value, schemas)]),
  );
  if (isObject(discriminator) && ajvCanDiscriminate(node, discriminator, schemas)) {
    walked['discriminator'] = { propertyName: discriminator['propertyName'] };
  }
  return nullable === true ? { anyOf: [walked, { type: 'null' }] } : walked;
}

/** ajv's own rules for `discriminator`: a `oneOf` whose members all require the tag and give it unique constants. */
function ajvCanDiscriminate(
  node: Json,
  discriminator: Json,
  schemas: Readonly<Record<string, unknown>>,
): boolean {
  const tag = discriminator['propertyName'];
  const oneOf = node['oneOf'];
  if (typeof tag !== 'string' || !Array.isArray(oneOf)) return false;
  const seen = new Set<unknown>();
  return list(oneOf).every((member) => {
    const name = refName(member);
    const resolved: unknown = name === undefined ? member : schemas[name];
    if (!isObject(resolved) || !isObject(resolved['properties'])) return false;
    const property = resolved['properties'][tag];
    const required = Array.isArray(resolved['required']) && resolved['required'].includes(tag);
    if (!isObject(property) || !required) return false;
    const values = property['const'] !== undefined ? [property['const']] : property['enum'];
    if (!Array.isArray(values) || values.length === 0) return false;
    return values.every((value) => typeof value === 'string' && !seen.has(value) && seen.add(value));
  });
}

export interface SchemaValidator {
  readonly api: PublishedApi;
  readonly revision: string;
  /** Problems of `value` against the named component schema; [] when it conforms. */
  check(schema: string, value: unknown): string[];
  /**
   * The member of a `type`-discriminated union (e.g. `ResponseStreamEvent`) whose `type` is `type`, so a bad
   * event is reported against its own schema rather than all fifty; undefined when the union has no such type.
   */
  unionMember(union: string, type: string): string | undefined;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  return `${where} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`;
}

export function createSchemaValidator(document: SpecDocument): SchemaValidator {
  const schemas = prepare(document.schemas, document.schemas) as Readonly<Record<string, unknown>>;
  // strict: false — vendor keywords (`x-oaiMeta`, `x-stainless-*`, `discriminator`) are annotations here.
  // Formats (`unixtime`, `uri`, …) are annotations in 2020-12 too; the type of each value is still checked.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, discriminator: true });
  ajv.addSchema({ $id: document.api, components: { schemas } });
  const compiled = new Map<string, ValidateFunction>();

  function validatorFor(schema: string): ValidateFunction {
    const known = compiled.get(schema);
    if (known !== undefined) return known;
    if (schemas[schema] === undefined) throw new Error(`${document.api} has no schema ${schema}`);
    const validate = ajv.getSchema(`${document.api}${REF_PREFIX}${schema}`);
    if (validate === undefined) throw new Error(`${document.api}: ${schema} did not compile`);
    compiled.set(schema, validate);
    return validate;
  }

  function typeOf(member: string): readonly unknown[] {
    const node = schemas[member];
    const type = isObject(node) && isObject(node['properties']) ? node['properties']['type'] : undefined;
    if (!isObject(type)) return [];
    return Array.isArray(type['enum']) ? type['enum'] : [type['const']];
  }

  return {
    api: document.api,
    revision: document.revision,
    check(schema, value) {
      const validate = validatorFor(schema);
      return validate(value) ? [] : (validate.errors ?? []).map(describe);
    },
    unionMember(union, type) {
      const node = schemas[union];
      if (!isObject(node)) return undefined;
      const members = [...list(node['anyOf']), ...list(node['oneOf'])].flatMap(
        (member) => refName(member) ?? [],
      );
      return members.find((member) => typeOf(member).includes(type));
    },
  };
}
