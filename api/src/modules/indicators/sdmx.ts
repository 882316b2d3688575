// SDMX-CSV (version 1) download of an indicator's published data: one row per approved
// reported value, streamed in keyset batches so a large series never sits in memory.
import type { Request, RequestHandler, Response } from 'express';
import type { Db } from '@treem/db/client';
import { parsePeriod } from '@treem/db/period';
import { AppError, httpStatus, sendRefusal } from '../../errors.js';
import { AGE_BANDS, SEX_CODES } from './policy.js';

export const SDMX_DATAFLOW = 'TREEM:CHILD_PROGRAMME_INDICATORS(1.0)';
export const SDMX_COLUMNS = ['DATAFLOW', 'INDICATOR', 'REF_AREA', 'TIME_PERIOD', 'SEX', 'AGE', 'OBS_VALUE', 'UNIT_MEASURE', 'NUMERATOR', 'DENOMINATOR', 'DEMO'] as const;
const BATCH = 2000;
const MAX_FILTER_VALUES = 200;

/** SDMX's unit codes for the usual factors. */
export const unitMeasure = (factor: number) => ({ 100: 'PT', 1000: 'PER_1000', 100000: 'PER_100000' })[factor] ?? `PER_${factor}`;

const badFilter = (name: string, detail: string) => new AppError('BAD_USER_INPUT', 'FILTER', { name, detail }, ['name']);

/** A comma-separated filter (`?units=92.101,92.102` or repeated), checked before anything is read. */
function listFilter(req: Request, name: string, check: (value: string) => boolean, describe: string): string[] | null {
  const raw = req.query[name];
  if (raw === undefined) return null;
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((part) => (typeof part === 'string' ? part.split(',') : [null]));
  if (parts.some((part) => part === null)) throw badFilter(name, describe);
  const values = [...new Set((parts as string[]).map((part) => part.trim()).filter(Boolean))];
  if (values.length === 0 || values.length > MAX_FILTER_VALUES) throw badFilter(name, `1–${MAX_FILTER_VALUES} ${describe}`);
  const wrong = values.find((value) => !check(value));
  if (wrong !== undefined) throw badFilter(name, `"${wrong.slice(0, 30)}" — ${describe}`);
  return values;
}

const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * GET /api/sdmx/data/<indicator code>?units=…&periods=…&sex=…&age=… — public, approved data
 * only. Bad filters are refused with 400 and a translated JSON error before any row is read.
 */
export function sdmxData({ prisma }: { prisma: Db }): RequestHandler {
  return async (req: Request, res: Response) => {
    try {
      const units = listFilter(req, 'units', (v) => /^[A-Za-z0-9._-]{1,40}$/.test(v), 'unit codes such as 92.101');
      const periods = listFilter(req, 'periods', (v) => parsePeriod(v) !== null, 'periods such as 2025, 2025S1, 2025Q3, 202507');
      const sexes = listFilter(req, 'sex', (v) => (SEX_CODES as readonly string[]).includes(v), SEX_CODES.join(', '));
      const ages = listFilter(req, 'age', (v) => (AGE_BANDS as readonly string[]).includes(v), AGE_BANDS.join(', '));
      const code = String(req.params.code ?? '');
      const indicator = /^[A-Za-z0-9_-]{1,40}$/.test(code)
        ? await prisma.indicator.findUnique({ where: { code }, select: { id: true, code: true, factor: true, demo: true } })
        : null;
      if (!indicator) throw new AppError('NOT_FOUND', 'INDICATOR', { code: code.slice(0, 40) });
      const unitIds = units ? await prisma.adminUnit.findMany({ where: { code: { in: units } }, select: { id: true, code: true } }) : null;
      const unknown = units?.find((u) => !unitIds!.some((row) => row.code === u));
      if (unknown) throw badFilter('units', `"${unknown}" — unit codes such as 92.101`);

      res.status(200).type('text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${indicator.code}.csv"`);
      res.write(`${SDMX_COLUMNS.join(',')}\n`);
      const measure = unitMeasure(indicator.factor);
      let after = '';
      for (;;) {
        const rows = await prisma.dataValue.findMany({
          where: {
            indicatorId: indicator.id, id: { gt: after }, submission: { state: 'APPROVED' },
            ...(unitIds ? { unitId: { in: unitIds.map((u) => u.id) } } : {}),
            ...(periods ? { period: { in: periods } } : {}),
            ...(sexes ? { sex: { in: sexes } } : {}),
            ...(ages ? { ageBand: { in: ages } } : {}),
          },
          select: { id: true, period: true, sex: true, ageBand: true, numerator: true, denominator: true, unit: { select: { code: true } } },
          orderBy: { id: 'asc' },
          take: BATCH,
        });
        if (rows.length === 0) break;
        const lines = rows.map((v) => [
          SDMX_DATAFLOW, indicator.code, v.unit.code, v.period, v.sex, v.ageBand,
          String(Math.round((v.numerator / v.denominator) * indicator.factor * 1e4) / 1e4), measure,
          String(v.numerator), String(v.denominator), indicator.demo ? 'true' : 'false',
        ].map(csvField).join(','));
        // Wait for the client to take a batch before reading the next (backpressure).
        if (!res.write(`${lines.join('\n')}\n`)) await new Promise((resolve) => res.once('drain', resolve));
        after = rows[rows.length - 1]!.id;
        if (rows.length < BATCH) break;
      }
      res.end();
    } catch (error) {
      if (error instanceof AppError && !res.headersSent) return sendRefusal(req, res, httpStatus[error.code], error);
      if (res.headersSent) res.destroy(error as Error);
      else throw error;
    }
  };
}
