import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Context } from './context.js';
import { asAppError, formatError } from './errors.js';
import { refusalMessage } from './i18n.js';
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
          if (error.extensions.code === 'BAD_USER_INPUT' && !asAppError(error)) {
            // graphql-js rejected a variable's value: people get a translated sentence, the
            // developer still gets graphql's precise one.
            error.extensions.detail = error.message;
            error.message = contextValue.t('errors.BAD_USER_INPUT_VALUE');
            continue;
          }
          const refusal = asAppError(error);
          if (refusal) error.message = refusalMessage(contextValue.t, refusal);
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
