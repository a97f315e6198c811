import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import type { FastifySchemaCompiler } from 'fastify';
import { PolityError } from '../kernel/errors.ts';

/** Bodies that may be left out entirely; an absent body is then validated as `{}`. */
const optionalBodies = new WeakSet<TSchema>();

export function optionalBody<T extends TSchema>(schema: T): T {
  optionalBodies.add(schema);
  return schema;
}

/**
 * Validates with the TypeBox compiler, the same one the engine checks payloads with, instead
 * of Ajv. Bodies are checked as sent, never coerced: a JSON number where an amount string
 * belongs is refused, not turned into a string after it may have lost digits. Only the
 * query string and path, which are text by nature, are converted to the schema's types.
 */
export const typeboxValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = TypeCompiler.Compile(schema);
  const fromText = httpPart === 'querystring' || httpPart === 'params' || httpPart === 'headers';
  const bodyOptional = httpPart === 'body' && optionalBodies.has(schema);
  return (data: unknown) => {
    let value = data;
    if (fromText) value = Value.Convert(schema, Value.Default(schema, data));
    else if (bodyOptional && (data === null || data === undefined)) value = {};
    if (check.Check(value)) return { value };
    const first = check.Errors(value).First();
    const where = httpPart === 'querystring' ? 'query' : (httpPart ?? 'request');
    return { error: new PolityError('validation_failed', `${where}${first?.path ?? ''}: ${first?.message ?? 'is invalid'}`) };
  };
};
