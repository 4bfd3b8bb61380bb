// What analysts and SDK generators read: descriptions everywhere, and the committed schema.graphql.
import { readFileSync } from 'node:fs';
import { buildClientSchema, buildSchema, getIntrospectionQuery, type IntrospectionQuery, isEnumType, lexicographicSortSchema, printSchema, isInputObjectType, isInterfaceType, isObjectType, isUnionType, parse, validate } from 'graphql';
import { servedSchemaText } from '../src/http/served-schema.js';
import { createApi } from '../src/http/yoga.js';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';

describe('schema', () => {
  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
      if (isUnionType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });

  it('matches the committed schema.graphql, the schema as served (run `npm run schema:print` after a change)', () => {
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(servedSchemaText());
  });

  it('is what the live server answers to introspection, directives included', async () => {
    const api = createApi({ db: {} as never, logging: 'error' });
    const response = await api.fetch('http://localhost/graphql', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: getIntrospectionQuery({ descriptions: true, directiveIsRepeatable: true, specifiedByUrl: true }) }),
    });
    const { data } = (await response.json()) as { data: IntrospectionQuery };
    const live = `${printSchema(lexicographicSortSchema(buildClientSchema(data)))}\n`;
    expect(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')).toBe(live);
  });

  // The file lacked the @defer and @stream the server accepts: an @defer operation failed validation against it.
  it('validates an @defer and @stream operation against schema.graphql as the server does', () => {
    const file = buildSchema(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
    const operation = parse('{ organization(slug: "jnim") { name ... @defer(label: "more") { aliases { name } } } organizations(first: 2) { edges { node { aliases @stream(initialCount: 1) { name } } } } }');
    expect(validate(file, operation)).toEqual([]);
  });

  it('has the contract’s entry points', () => {
    const query = schema.getQueryType()!.getFields();
    for (const name of ['node', 'nodes', 'organization', 'organizations', 'person', 'persons', 'incident', 'incidents', 'fundingStreams', 'sources', 'incidentStats']) {
      expect(query[name], name).toBeDefined();
    }
  });
});
