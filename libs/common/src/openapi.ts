import { ApiBody, ApiQuery, type SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/** The JSON a client sends, as OpenAPI 3.0 describes it; refinements checked by the route are not expressible and left out. */
export function openApiSchemaOf(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as SchemaObject;
}

/** Documents a route's request body with the same zod schema that validates it. */
export const ApiZodBody = (schema: z.ZodType, description?: string) => ApiBody({ schema: openApiSchemaOf(schema), description });

/** Documents each query parameter of a zod object schema. */
export function ApiZodQuery(schema: z.ZodObject): MethodDecorator {
  const properties = (openApiSchemaOf(schema).properties ?? {}) as Record<string, SchemaObject>;
  const decorators = Object.entries(properties).map(([name, property]) => ApiQuery({ name, required: false, schema: property }));
  return (target, key, descriptor) => {
    for (const decorate of decorators) decorate(target, key, descriptor);
  };
}
