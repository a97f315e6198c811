import swagger, { type SwaggerTransformObject } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Engine } from '../engine/engine.ts';
import { accessRoutes } from './access-routes.ts';
import { accountRoutes } from './account-routes.ts';
import { assetRoutes } from './asset-routes.ts';
import { bearerAuth } from './auth.ts';
import { commandRoutes } from './command-routes.ts';
import { economyRoutes } from './economy-routes.ts';
import { governanceRoutes } from './governance-routes.ts';
import { logRoutes } from './log-routes.ts';
import { metaRoutes } from './meta-routes.ts';
import { problem, sendProblem, toProblem } from './problem.ts';
import { optionalBodyOperations, transferRoutes } from './transfer-routes.ts';
import { typeboxValidatorCompiler } from './validation.ts';

export interface ServerOptions {
  engine: Engine;
  /** Fastify's logger option: false (default), true, or pino options such as `{ level }`. */
  logger?: boolean | object;
}

/** The version of the HTTP contract, as the OpenAPI document states it. */
export const apiVersion = '0.1.0';

/**
 * The HTTP API over one engine. Every route has schemas (validation, serialization and the
 * OpenAPI document come from them), every error is a problem+json. Listening is the caller's.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { engine } = options;
  const serverOptions: FastifyServerOptions = { logger: (options.logger ?? false) as NonNullable<FastifyServerOptions['logger']> };
  const app = Fastify(serverOptions);
  app.decorateRequest('principal', undefined);
  app.setErrorHandler((error, request, reply) => sendProblem(request, reply, toProblem(error), error));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, problem('route_not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
  await app.register(swagger, { openapi: openApiBase(), transformObject: markOptionalBodies });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(async (api) => {
    // Scoped to our routes: the docs plugin's own routes keep Fastify's default validator.
    api.setValidatorCompiler(typeboxValidatorCompiler);
    metaRoutes(api, engine);
    await api.register(
      async (v1) => {
        v1.addHook('onRequest', bearerAuth(engine));
        assetRoutes(v1, engine);
        accountRoutes(v1, engine);
        transferRoutes(v1, engine);
        accessRoutes(v1, engine);
        logRoutes(v1, engine);
        commandRoutes(v1, engine);
        economyRoutes(v1, engine);
        governanceRoutes(v1, engine);
      },
      { prefix: '/v1' },
    );
  });
  await app.ready();
  return app;
}

function openApiBase() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Polity API',
      version: apiVersion,
      description:
        'The HTTP API of a Polity DAO node. Amounts are decimal strings in token units ("12.5"), never JSON numbers. ' +
        'Errors are RFC 9457 problem+json with a stable `code`. Creates carry a client-chosen id and are idempotent.',
    },
    components: {
      securitySchemes: { bearerAuth: { type: 'http' as const, scheme: 'bearer', description: 'an API token: pol_<tokenId>.<secret>' } },
    },
    tags: [
      { name: 'assets', description: 'Assets and their supply' },
      { name: 'accounts', description: 'Accounts and balances, now and in the past' },
      { name: 'transfers', description: 'Transfers, pending transfers, mint and burn' },
      { name: 'access', description: 'Actors, API tokens and grants' },
      { name: 'log', description: 'The hash-chained audit log' },
      { name: 'meta', description: 'Health, metrics and this document' },
    ],
  };
}

/** Fastify's swagger marks every request body required; settling a pending transfer needs none. */
const markOptionalBodies: SwaggerTransformObject = (documentObject) => {
  const document = 'openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject;
  for (const path of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(path ?? {})) {
      const candidate = operation as { operationId?: string; requestBody?: { required?: boolean } };
      if (candidate.requestBody && optionalBodyOperations.has(candidate.operationId ?? '')) candidate.requestBody.required = false;
    }
  }
  return document;
};
