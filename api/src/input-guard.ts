// One rule for every argument and input field, checked on the whole request before any
// resolver runs: text must be something PostgreSQL can store (no NUL, no lone UTF-16
// surrogates) and of a sane length, and variables must stay small. Per-argument rules (a
// username's length, a page size) are declared on the arguments themselves (validation plugin).
import { Kind, visit, type DocumentNode } from 'graphql';
import { AppError } from './errors.js';

/** Longer than anything a person writes here (a proposal is a few thousand characters). */
export const MAX_TEXT_LENGTH = 20_000;
/** Strings, numbers and other values in one request's variables, nested ones included. */
export const MAX_VARIABLE_VALUES = 2_000;
const MAX_DEPTH = 32;

const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkText(value: string): AppError | null {
  if (value.length > MAX_TEXT_LENGTH) return new AppError('BAD_USER_INPUT', 'TOO_LONG', { max: MAX_TEXT_LENGTH }, ['max']);
  if (unstorable.test(value)) return new AppError('BAD_USER_INPUT', 'INVALID_TEXT');
  return null;
}

function checkValue(value: unknown, budget: { left: number }, depth: number): AppError | null {
  if (--budget.left < 0) return new AppError('BAD_USER_INPUT', 'TOO_MANY_VALUES', { max: MAX_VARIABLE_VALUES }, ['max']);
  if (depth > MAX_DEPTH) return new AppError('BAD_USER_INPUT', 'TOO_MANY_VALUES', { max: MAX_VARIABLE_VALUES }, ['max']);
  if (typeof value === 'string') return checkText(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = checkValue(item, budget, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const problem = checkText(key) ?? checkValue(item, budget, depth + 1);
      if (problem) return problem;
    }
  }
  return null;
}

// Apollo keeps one parsed document per query text (its document store), so the strings a
// document carries are checked once per document, not walked again on every request.
const documentProblems = new WeakMap<DocumentNode, AppError | null>();
function checkDocument(document: DocumentNode): AppError | null {
  if (documentProblems.has(document)) return documentProblems.get(document)!;
  let problem: AppError | null = null;
  visit(document, {
    [Kind.STRING](node) {
      problem ??= checkText(node.value);
    },
  });
  documentProblems.set(document, problem);
  return problem;
}

/** The first problem with the text a request carries, in its document or its variables. */
export function checkRequestInput(document: DocumentNode, variables: Record<string, unknown> | undefined): AppError | null {
  return checkDocument(document) ?? checkValue(variables ?? {}, { left: MAX_VARIABLE_VALUES }, 0);
}
