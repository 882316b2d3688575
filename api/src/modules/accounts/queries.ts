import { builder } from '../../builder.js';
import { ViewerRef } from './types.js';

builder.queryField('viewer', (t) =>
  t.field({ type: ViewerRef, nullable: true, description: 'Null when signed out.', resolve: (_root, _args, ctx) => ctx.viewer }),
);
