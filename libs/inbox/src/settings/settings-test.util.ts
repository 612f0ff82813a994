import type { z } from 'zod';

/** The dot paths of every problem the schema finds, sorted; empty when the value is valid. */
export function issuePaths(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : [...new Set(result.error.issues.map((issue) => issue.path.join('.')))].sort();
}
