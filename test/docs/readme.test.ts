/**
 * The README's example queries stay true: every ```graphql block in it parses and validates
 * against the schema the server serves, so a renamed field cannot leave the tour behind. And the
 * naming rule its "Changes in 0.2.0" states holds across the schema.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getNamedType, isInputObjectType, isInterfaceType, isListType, isNonNullType, isObjectType, parse, type GraphQLInputType, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';

const README = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
const blocks = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match, i) => [i + 1, match[1]!] as const);

describe('README examples', () => {
  it('has examples for every area of the tour', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(10);
  });

  it.each(blocks)('example %i validates against the schema', (_n, text) => {
    const errors = validate(schema, parse(text)).map((error) => error.message);
    expect(errors).toEqual([]);
  });
});

describe('README naming rule', () => {
  /** Every argument and input field of the schema, as `Type.field(arg)` or `Input.field`, with its type. */
  const inputs = Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__'))
    .flatMap((type): [string, GraphQLInputType][] => {
      if (isObjectType(type) || isInterfaceType(type)) {
        return Object.values(type.getFields()).flatMap((field) => field.args.map((arg): [string, GraphQLInputType] => [`${type.name}.${field.name}(${arg.name})`, arg.type]));
      }
      if (isInputObjectType(type)) return Object.values(type.getFields()).map((field): [string, GraphQLInputType] => [`${type.name}.${field.name}`, field.type]);
      return [];
    });
  const nameOf = (where: string) => /(\w+)\)?$/.exec(where)![1]!;

  it('a locality code is localityCode, several are localityCodes, wherever one is given', () => {
    const codes = inputs.filter(([where, type]) => /localit/i.test(nameOf(where)) && getNamedType(type).name === 'String');
    expect(codes.length).toBeGreaterThanOrEqual(30);
    const misspelt = codes.filter(([where, type]) => {
      const list = isListType(isNonNullType(type) ? type.ofType : type);
      return nameOf(where) !== (list ? 'localityCodes' : 'localityCode');
    });
    expect(misspelt.map(([where]) => where)).toEqual([]);
  });
});
