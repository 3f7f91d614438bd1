import { raw } from 'body-parser';
import { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError } from './domain-error';

export interface JsonBodyLimits {
  /** Largest body in bytes, before decoding. */
  bytes: number;
  /** Deepest nesting of objects and arrays: our deepest request has three levels. */
  depth: number;
}

/** Keys that would reach an object's prototype when a parsed body is copied onto a class. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function invalidBody(vi: string, en: string, problem: string): DomainError {
  return new DomainError('INVALID_INPUT', { vi, en }, [{ field: 'body', problems: [problem] }]);
}

function unsupported(vi: string, en: string, problem: string): DomainError {
  return new DomainError('UNSUPPORTED_MEDIA_TYPE', { vi, en }, [{ field: 'content-type', problems: [problem] }]);
}

/**
 * Our API speaks UTF-8 JSON objects only. The body is read as bytes with its size bounded, checked
 * for depth before `JSON.parse` (a body nested 30,000 levels deep would otherwise exhaust the stack
 * of whatever walks it next), and refused whole when a key could reach a prototype or a string is not
 * valid Unicode (or holds U+0000). Requests without a body pass untouched.
 */
export function jsonBody(limits: JsonBodyLimits): RequestHandler[] {
  const readBytes = raw({ type: () => true, limit: limits.bytes, inflate: false });
  return [checkMediaType, readBytes, (request: Request, _response: Response, next: NextFunction) => parseBody(request, limits, next)];
}

function checkMediaType(request: Request, _response: Response, next: NextFunction): void {
  if (!hasBody(request)) return next();
  const header = request.headers['content-type'] ?? '';
  const [mediaType, ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') {
    return next(unsupported('Chỉ nhận nội dung JSON (application/json)', 'Only JSON bodies are accepted (application/json)', 'must be application/json'));
  }
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return next(unsupported('Chỉ nhận bảng mã UTF-8', 'Only the UTF-8 charset is accepted', 'charset must be utf-8'));
  }
  next();
}

function hasBody(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

function parseBody(request: Request, limits: JsonBodyLimits, next: NextFunction): void {
  const bytes: unknown = request.body;
  if (!Buffer.isBuffer(bytes) || bytes.length === 0) {
    request.body = undefined;
    return next();
  }
  try {
    request.body = parseJsonObject(bytes, limits.depth);
    next();
  } catch (error) {
    next(error);
  }
}

/** The body as a plain JSON object, or a DomainError saying what is wrong without echoing it. */
export function parseJsonObject(bytes: Buffer, maxDepth: number): Record<string, unknown> {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw invalidBody('Nội dung không phải UTF-8 hợp lệ', 'The body is not valid UTF-8', 'not valid UTF-8');
  }
  if (nestingDepth(text) > maxDepth) {
    throw invalidBody(
      `Dữ liệu lồng nhau quá ${maxDepth} tầng`,
      `The body is nested deeper than ${maxDepth} levels`,
      `nested deeper than ${maxDepth} levels`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidBody('Nội dung không phải JSON hợp lệ', 'The request body is not valid JSON', 'not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidBody('Nội dung phải là một đối tượng JSON', 'The body must be a JSON object', 'must be a JSON object');
  }
  checkValue(value, 'body');
  return value as Record<string, unknown>;
}

/** How deep objects and arrays nest, counted on the text so that nothing recursive runs first. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

function checkValue(value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) {
      throw invalidBody(`${path}: chuỗi ký tự Unicode không hợp lệ`, `${path}: the text is not valid Unicode`, `${path} is not valid Unicode`);
    }
    // PostgreSQL cannot store U+0000 in text, and no field of ours has a use for it.
    if (value.includes('\u0000')) {
      throw invalidBody(`${path}: không được chứa ký tự NUL (U+0000)`, `${path}: the text may not contain the NUL character (U+0000)`, `${path} contains U+0000`);
    }
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, item] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
    if (FORBIDDEN_KEYS.has(key)) {
      throw invalidBody(`Không nhận trường tên ${key}`, `A field named ${key} is not accepted`, `${at} is a forbidden name`);
    }
    if (LONE_SURROGATE.test(key)) {
      throw invalidBody('Tên trường không phải Unicode hợp lệ', 'A field name is not valid Unicode', `${path} has a field name that is not valid Unicode`);
    }
    checkValue(item, at);
  }
}
