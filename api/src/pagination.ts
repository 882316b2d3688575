// Keyset pages for lists ordered newest first (createdAt desc, id desc). A cursor carries the
// ordering values of the last row seen, not a row to look up, so the next page is found only
// among the rows the caller may see: a cursor naming a hidden row and one naming nothing page
// alike, and no cursor reveals whether some id exists.
import { AppError } from './errors.js';
import { ROW_ID } from './ids.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

interface Position {
  createdAt: Date;
  id: string;
}

const CURSOR = /^v1:(\d{1,15}):(.+)$/;
const malformedCursor = () => new AppError('BAD_USER_INPUT', 'MALFORMED_CURSOR');

export function encodeCursor({ createdAt, id }: Position): string {
  return Buffer.from(`v1:${createdAt.getTime()}:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw malformedCursor();
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || !ROW_ID.test(match[2]!)) throw malformedCursor();
  const createdAt = new Date(Number(match[1]));
  if (Number.isNaN(createdAt.getTime())) throw malformedCursor();
  return { createdAt, id: match[2]! };
}

/** Rows after `position` in newest-first order (or before it, going back). */
function beyond({ createdAt, id }: Position, direction: 'older' | 'newer') {
  const op = direction === 'older' ? 'lt' : 'gt';
  return { OR: [{ createdAt: { [op]: createdAt } }, { createdAt, id: { [op]: id } }] };
}

export interface PageQuery {
  where: object;
  orderBy: ({ createdAt: 'asc' | 'desc' } | { id: 'asc' | 'desc' })[];
  take: number;
  /** True when reading backwards (`last`): rows come oldest first and are reversed. */
  backwards: boolean;
  size: number;
}

/**
 * The Prisma page for relay arguments: `first` with `after`, or `last` with `before`. Lists
 * read newest first unless `oldestFirst` (a queue, where the longest waiting comes first).
 */
export function pageQuery({ first, last, after, before }: ConnectionArgs, { oldestFirst = false } = {}): PageQuery {
  if ((first != null && (last != null || before != null)) || (last != null && after != null)) {
    throw new AppError('BAD_USER_INPUT', 'PAGE_ARGS');
  }
  const backwards = last != null || (before != null && first == null);
  const size = (backwards ? last : first) ?? DEFAULT_PAGE_SIZE;
  const cursor = backwards ? before : after;
  const forwardIsOlder = backwards === oldestFirst;
  const where = cursor ? beyond(decodeCursor(cursor), forwardIsOlder ? 'older' : 'newer') : {};
  const direction = forwardIsOlder ? 'desc' : 'asc';
  // One extra row tells whether there is another page.
  return { where, orderBy: [{ createdAt: direction }, { id: direction }], take: size + 1, backwards, size };
}

/**
 * The page for arguments the field would accept, or null. For reading a page ahead of its field
 * (in the parent's statement), before the field's own checks run: null leaves them to say what
 * is wrong, and a size beyond the limit never reaches the database.
 */
export function acceptedPage(args: ConnectionArgs): PageQuery | null {
  const size = args.first ?? args.last;
  if (size != null && !(Number.isInteger(size) && size >= 0 && size <= MAX_PAGE_SIZE)) return null;
  try {
    return pageQuery(args);
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** An edge whose cursor is written only if a query asks for it (most lists never do). */
class Edge<T extends Position> {
  constructor(readonly node: T) {}
  get cursor() {
    return encodeCursor(this.node);
  }
}

export function toConnection<T extends Position>(rows: T[], page: PageQuery): Connection<T> {
  const more = rows.length > page.size;
  const kept = rows.slice(0, page.size);
  if (page.backwards) kept.reverse();
  const edges = kept.map((node) => new Edge(node));
  return {
    edges,
    pageInfo: {
      // Relay allows `false` for the direction not being read; `true` there would need a look
      // past the cursor, which is exactly what a cursor must not reveal.
      hasNextPage: page.backwards ? false : more,
      hasPreviousPage: page.backwards ? more : false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
