import { z } from 'zod';
import { builder } from '../../builder.js';
import { CouncilLevelEnum, CouncilRef } from '../council/types.js';
import { participationStatistics } from './service.js';
import { ParticipationStatisticsRef } from './types.js';

builder.queryField('participationStatistics', (t) =>
  t.field({
    type: ParticipationStatisticsRef,
    description:
      'Participation per council over a period ("2026", "2026S1", "2026Q2", "202605"; default this year), each council with its branch below it. ' +
      'With a council: that council (or, with a level, the councils of that level in its branch); without: every council of the level (default CITY). Public: groups of fewer than 5 children are hidden.',
    args: { councilId: t.arg.globalID({ for: [CouncilRef] }), level: t.arg({ type: CouncilLevelEnum }), period: t.arg.string({ validate: z.string().max(10) }) },
    resolve: (_root, { councilId, level, period }, ctx) => participationStatistics({ prisma: ctx.prisma, councilId: councilId?.id ?? null, level: level ?? null, period: period ?? null }),
  }),
);
