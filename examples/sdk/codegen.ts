// GraphQL Code Generator: typed documents for the operations in ./operations, from the printed schema.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: 'examples/sdk/operations/*.graphql',
  generates: {
    'examples/sdk/src/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: true },
        scalars: { Date: 'string' },
        useTypeImports: true,
      },
    },
  },
};

export default config;
