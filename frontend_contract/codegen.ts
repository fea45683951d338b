// `npm run codegen` writes generated/graphql.ts: TypeScript types for every operation in
// operations/*.graphql (result and variables), checked against schema.graphql, the
// committed contract. The generated file is committed; CI regenerates it and fails if
// it differs.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  overwrite: true,
  schema: "schema.graphql",
  documents: ["operations/*.graphql"],
  generates: {
    "generated/graphql.ts": {
      plugins: ["typescript", "typescript-operations"],
      config: {
        // Custom scalars as they travel in JSON (ISO 8601 strings, a JSON text, numbers).
        scalars: {
          Date: "string",
          DateTime: "string",
          JSONString: "string",
          UUID: "string",
          PositiveInt: "number",
        },
        // A new scalar in the schema without a mapping above fails codegen instead of
        // quietly becoming `any`.
        strictScalars: true,
        // Types for what the operations use (their results, variables, enums), not for
        // the whole schema: frontends send only the operations of this folder.
        onlyOperationTypes: true,
        // Enums as string unions: no runtime code, and JSON (such as examples/) fits.
        enumsAsTypes: true,
        // A selected nullable field is always in the response, as null: not optional.
        avoidOptionals: { field: true },
        // The operations do not ask for __typename, so the types do not claim it.
        skipTypename: true,
        preResolveTypes: true,
      },
    },
  },
};

export default config;
