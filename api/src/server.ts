import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { GraphQLError, Kind, visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { onPrimary } from '@treem/db/client';
import type { Context } from './context.js';
import { AppError, asAppError, formatError, httpStatus, MASKED } from './errors.js';
import { refusalMessage } from './i18n.js';
import { checkRequestInput } from './input-guard.js';
import type { Metrics } from './observability.js';
import { maySeeSchema } from './modules/accounts/policy.js';
import { schema } from './schema.js';

/** A refusal of the whole request, before execution, with its HTTP status. */
function requestRefusal(error: AppError) {
  return new GraphQLError(error.message, { originalError: error, extensions: { http: { status: httpStatus[error.code] } } });
}

// Apollo keeps one parsed document per query text, so the answer is kept with it: a document
// is walked once, not on every request.
const schemaQuestions = new WeakMap<DocumentNode, boolean>();
function asksForSchema(document: DocumentNode) {
  const known = schemaQuestions.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  schemaQuestions.set(document, found);
  return found;
}

/** What one query may ask for: nesting relations (council → children → proposals → council …)
 * must not turn one request into millions of rows. */
const COMPLEXITY_LIMIT = { complexity: 5000, depth: 10, breadth: 200 };
const MAX_REMEMBERED_VARIABLES = 100;
// A weight depends only on the operation and its variables: remembered with the parsed
// document (a few variable sets each), so the tree is not walked again on every request.
const complexities = new WeakMap<OperationDefinitionNode, Map<string, boolean>>();

/** Whether the operation stays within COMPLEXITY_LIMIT; undefined when its variables are invalid (execution says so). */
function withinComplexity(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): boolean | undefined {
  const key = JSON.stringify(variables ?? {});
  let known = complexities.get(operation);
  const remembered = known?.get(key);
  if (remembered !== undefined) return remembered;
  let within: boolean;
  try {
    // Only the operation that runs, with the fragments it may use.
    const alone: DocumentNode = { ...document, definitions: document.definitions.filter((d) => d.kind !== Kind.OPERATION_DEFINITION || d === operation) };
    const { complexity, depth, breadth } = complexityFromQuery(alone, { schema, variables: variables ?? {} });
    within = complexity <= COMPLEXITY_LIMIT.complexity && depth <= COMPLEXITY_LIMIT.depth && breadth <= COMPLEXITY_LIMIT.breadth;
  } catch {
    return undefined;
  }
  if (!known) complexities.set(operation, (known = new Map()));
  // Variables that change with every request (ids) only keep the most recent ones.
  if (known.size >= MAX_REMEMBERED_VARIABLES) known.clear();
  known.set(key, within);
  return within;
}

const suggestion = /\s*Did you mean .+\?$/;

/** Codes Apollo and graphql-js give request errors; their messages are translated too. */
const requestErrorCodes = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'OPERATION_RESOLUTION_FAILURE']);

/**
 * Per request: the general input rule and the schema-reading rule before anything runs;
 * then every error translated into the request's language (formatError cannot see the
 * request), schema hints kept for those who may read the schema, unexpected errors logged with
 * the request id and masked; and the operation counted for /metrics.
 */
function requestPolicy(metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      let operation = 'anonymous';
      return {
        async didResolveOperation({ document, request, operationName, operation: resolved, contextValue: ctx }) {
          operation = metrics.operationLabel(operationName);
          // A mutation reads back what it wrote: all of it on the primary, not a lagging replica.
          if (resolved?.operation === 'mutation') ctx.prisma = onPrimary(ctx.prisma);
          if (operationName) ctx.trace.name = operationName;
          const problem = checkRequestInput(document, request.variables);
          if (problem) throw requestRefusal(problem);
          if (asksForSchema(document) && !maySeeSchema(ctx)) {
            throw requestRefusal(new AppError(ctx.viewer ? 'FORBIDDEN' : 'UNAUTHENTICATED', 'INTROSPECTION'));
          }
          if (resolved && withinComplexity(document, resolved, request.variables) === false) {
            throw requestRefusal(new AppError('BAD_USER_INPUT', 'TOO_COMPLEX'));
          }
        },
        async didEncounterErrors({ errors, contextValue: ctx }) {
          const hints = maySeeSchema(ctx);
          for (const error of errors) {
            const code = error.extensions.code;
            const refusal = asAppError(error);
            if (refusal) {
              // The one refusal that is our fault: the database out of reach.
              if (refusal.code === 'UNAVAILABLE') ctx.log.error({ err: error.originalError ?? error, path: error.path }, 'database unavailable in a GraphQL operation');
              error.message = refusalMessage(ctx.t, refusal);
            } else if (code === 'BAD_USER_INPUT' || (typeof code === 'string' && requestErrorCodes.has(code))) {
              // graphql-js rejected the document or a variable: people get a translated sentence,
              // developers still get graphql's precise one (without schema hints unless allowed).
              const detail = hints ? error.message : error.message.replace(suggestion, '');
              error.extensions.detail = detail;
              error.message = ctx.t(code === 'BAD_USER_INPUT' ? 'errors.BAD_USER_INPUT_VALUE' : `errors.${code}`);
            } else if (code === 'BAD_REQUEST') {
              error.message = ctx.t('errors.BAD_REQUEST');
            } else {
              ctx.log.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error in a GraphQL operation');
              error.message = ctx.t('errors.INTERNAL');
              error.extensions[MASKED] = true;
            }
          }
        },
        async willSendResponse({ errors }) {
          metrics.requests.inc({ operation });
          metrics.duration.observe({ operation }, (performance.now() - started) / 1000);
          for (const error of errors ?? []) {
            const code = asAppError(error)?.code ?? (error.extensions.code as string | undefined) ?? 'INTERNAL';
            metrics.errors.inc({ operation, code: error.extensions[MASKED] ? 'INTERNAL' : code });
          }
        },
      };
    },
  };
}

export function createApolloServer({ metrics }: { metrics: Metrics }) {
  return new ApolloServer<Context>({
    schema,
    formatError,
    // No stack traces in any mode: what a network can reach never shows the server's insides.
    includeStacktraceInErrorResponses: false,
    // Reading the schema is allowed per viewer (requestPolicy), not for everyone.
    introspection: true,
    // Clients send the query text; a cache of registered queries would only be surface to attack.
    persistedQueries: false,
    // main.ts drains and stops everything in order on SIGTERM; Apollo must not exit on its own.
    stopOnTerminationSignals: false,
    // Nothing here declares cache hints, and Apollo's cache-control plugin wraps every field's
    // resolver to collect them: app.ts sends `no-store` for every answer instead.
    plugins: [requestPolicy(metrics), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled()],
  });
}
