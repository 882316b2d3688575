// Fields of a list's rows that need a statement of their own (a count, a roster, a history) load
// through a batch: the loads made while one list resolves (one tick) become one statement. One
// batch per operation (Apollo copies the context for each), and nothing is kept between ticks, so
// an answer read after a mutation sees what the mutation wrote.
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { Context } from './context.js';

// A key's Error is its own refusal, the other keys of the batch still answered.
export function perOperationBatch<Key, Value>(load: (ctx: Context, keys: readonly Key[]) => Promise<(Value | Error)[]>) {
  const loaders = createContextCache((ctx: Context) => new DataLoader<Key, Value>((keys) => load(ctx, keys), { cache: false }));
  return (ctx: Context, key: Key) => loaders(ctx).load(key);
}
