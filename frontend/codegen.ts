// GraphQL codegen: typed documents for every operation in src/, generated
// from the server's schema files (graph/schema). Run by `make generate`;
// `make test` fails when the committed output is stale.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../graph/schema/*.graphqls',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: false,
        scalars: {
          ID: 'string',
          Time: 'string',
          Cursor: 'string',
          Money: 'number',
          JSON: 'any',
          Int64: 'number',
        },
      },
    },
  },
};

export default config;
