import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Context } from './context.js';
import { AppError, formatError } from './errors.js';
import { schema } from './schema.js';

/**
 * Translates AppError messages into the request's language before errors are formatted, since
 * formatError itself cannot see the request.
 */
const localiseErrors: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        for (const error of errors) {
          const original = unwrapResolverError(error);
          if (!(original instanceof AppError)) continue;
          const key = original.reason ? `errors.${original.code}_${original.reason}` : `errors.${original.code}`;
          error.message = contextValue.t([key, `errors.${original.code}`], original.params);
        }
      },
    };
  },
};

export function createApolloServer() {
  return new ApolloServer<Context>({
    schema,
    formatError,
    // Agencies explore with their own tools; no landing page that would load a CDN script.
    plugins: [localiseErrors, ApolloServerPluginLandingPageDisabled()],
    introspection: true,
  });
}
