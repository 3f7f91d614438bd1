import { applyDecorators, Param, ParseUUIDPipe, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ClassConstructor, Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DomainError, Message } from './domain-error';

export interface FieldError {
  field: string;
  problems: string[];
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function invalidInput(errors: ValidationError[]): DomainError {
  return invalidFields(flattenValidationErrors(errors));
}

/** A 400 naming each field and what is wrong with it, in the words every validation error uses. */
export function invalidFields(fields: FieldError[]): DomainError {
  return new DomainError(
    'INVALID_INPUT',
    {
      vi: `Dữ liệu không hợp lệ: ${fields.map((f) => f.field).join(', ')}`,
      en: `Invalid input: ${fields.map((f) => `${f.field} (${f.problems.join('; ')})`).join(', ')}`,
    },
    fields,
  );
}

export const VALIDATION_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
} as const;

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({ ...VALIDATION_OPTIONS, exceptionFactory: invalidInput });
}

/**
 * A nested object of a declared shape. Arrays, strings and null are refused rather than walked, and a
 * required one must be there: without these, `"location": []` or a missing `child` reached the service.
 */
export function NestedObject(type: () => ClassConstructor<object>, options: { optional?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    options.optional ? Optional() : IsDefined({ message: '$property is required' }),
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(type),
  );
}

/**
 * A list of nested objects of a declared shape, at most `max`: each element must be an object, since
 * ValidateNested alone walks an array inside the list and lets `[[{…}]]` through.
 */
export function NestedObjects(type: () => ClassConstructor<object>, options: { max: number; optional?: boolean }): PropertyDecorator {
  return applyDecorators(
    options.optional ? Optional() : IsDefined({ message: '$property is required' }),
    IsArray({ message: '$property must be a list' }),
    ArrayMaxSize(options.max),
    IsObject({ each: true, message: 'each of $property must be an object' }),
    ValidateNested({ each: true }),
    Type(type),
  );
}

/** May be left out of a change; when present it is checked, and null is refused (the column is not nullable). */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/** Free text a person must write: a string with something in it besides spaces, at most `max` long. */
export function Text(max: number): PropertyDecorator {
  return applyDecorators(IsString(), Matches(/\S/, { message: '$property must not be blank' }), MaxLength(max));
}

/** A calendar day, `YYYY-MM-DD`, that exists (no 30 February). */
export function CalendarDay(): PropertyDecorator {
  return applyDecorators(IsDateString({ strict: true }), Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' }));
}

/** Beyond any real list: keeps `?page=1e300` from becoming an offset the database cannot take. */
const LAST_PAGE = 100_000;

/** `?page=`: a whole number from 1. */
export function PageNumber(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ default: 1, minimum: 1, maximum: LAST_PAGE }),
    IsOptional(),
    Transform(({ value }) => Number(value)),
    IsInt(),
    Min(1),
    Max(LAST_PAGE),
  );
}

/** `?pageSize=`: a whole number from 1 to `max`. */
export function PageSize(defaultSize: number, max: number): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ default: defaultSize, minimum: 1, maximum: max }),
    IsOptional(),
    Transform(({ value }) => Number(value)),
    IsInt(),
    Min(1),
    Max(max),
  );
}

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export function UuidParam(name: string): ParameterDecorator {
  return Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new DomainError('INVALID_INPUT', { vi: `${name} phải là một UUID`, en: `${name} must be a UUID` }, [{ field: name, problems: ['must be a UUID'] }]),
    }),
  );
}

/** A path parameter that must match `pattern`; anything else is a 400 naming the parameter. */
export function PatternParam(name: string, pattern: RegExp, text: Message, problem: string): ParameterDecorator {
  const check: PipeTransform<string, string> = {
    transform: (value) => {
      if (pattern.test(value)) return value;
      throw new DomainError('INVALID_INPUT', text, [{ field: name, problems: [problem] }]);
    },
  };
  return Param(name, check);
}
