// The floor under `{ __typename }` for bench:load: graphql-yoga with this API's schema and none of its
// plugins (no logs, metrics, limits, cost, persisted operations, compression, graphql-jit), no context,
// Yoga's request body limit off as the API has it. No GraphQL API built on graphql-yoga and Node's HTTP
// server answers a request with less work than this.
import { createServer } from 'node:http';
import { createYoga } from 'graphql-yoga';
import { schema } from '../src/schema/index.js';

const yoga = createYoga({ schema, graphqlEndpoint: '/graphql', logging: false, landingPage: false, graphiql: false, maskedErrors: true, maxRequestBodySize: false });
const port = Number(process.env.PORT);
createServer(yoga).listen(port, '127.0.0.1', () => console.log(`listening on ${port}`));
process.on('SIGTERM', () => process.exit(0));
