import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  reason: string;
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * The path of the first string in `value` (a query, body or route parameter) that holds a NUL
 * character, or null. Postgres text cannot store U+0000: such a value used to reach a query and
 * come back as a 500.
 */
function findNul(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'value' : null;
  if (value === null || typeof value !== 'object' || depth > 20) return null;
  for (const [k, v] of Object.entries(value)) {
    const here = path ? `${path}.${k}` : k;
    const found = k.includes('\u0000') ? here : findNul(v, here, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Validation, after a check that no string holds a NUL character (400 naming the field). */
class SeismoValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' || metadata.type === 'body' || metadata.type === 'param') {
      const field = findNul(value, metadata.data ?? '');
      if (field) throw badField(field, 'must not contain NUL (U+0000) characters');
    }
    return super.transform(value, metadata);
  }
}

/** 400 answers name each field and its reason: `{statusCode, error, message, fields:[{field, reason}]}`. */
export function createValidationPipe(): ValidationPipe {
  return new SeismoValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: fields.map((f) => f.reason), fields });
    },
  });
}

export function badField(field: string, reason: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [`${field} ${reason}`], fields: [{ field, reason: `${field} ${reason}` }] });
}
