// The schema as the server serves it: the code's types with what the server's plugins add to it (the
// @defer and @stream directives). schema.graphql is this text, so that a client validating an @defer
// operation against the file gets the answer the server gives.
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createApi } from './yoga.js';

export function servedSchemaText(): string {
  // No request is made: the database is never reached.
  const api = createApi({ db: {} as never, logging: 'error' });
  return `${printSchema(lexicographicSortSchema(api.getEnveloped({}).schema))}\n`;
}
