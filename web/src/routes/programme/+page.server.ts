import { error } from '@sveltejs/kit';
import { serverClient } from '$lib/graphql/client.server';
import { failLoad } from '$lib/graphql/errors';
import { DashboardQuery } from '$lib/graphql/indicators';
import { indicatorStatuses, type IndicatorStatus } from '$lib/graphql/types';
import type { PageServerLoad } from './$types';

const FIRST_YEAR = 2021;
const CITY = '92';

export const load: PageServerLoad = async (event) => {
	const lastYear = new Date().getUTCFullYear();
	const years = Array.from({ length: lastYear - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
	const asked = Number(event.url.searchParams.get('year'));
	// The last full year by default: the current one is still being reported.
	const year = years.includes(asked) ? asked : lastYear - 1;
	const unit = event.url.searchParams.get('unit')?.trim() || CITY;
	if (!/^[A-Za-z0-9._-]{1,40}$/.test(unit)) error(404, event.locals.t('programme.unknownUnit'));

	const result = await serverClient(event)
		.query(DashboardQuery, { unit, period: String(year), periods: years.map(String), at: `${year}-12-31` })
		.toPromise();
	if (result.error?.graphQLErrors[0]?.extensions?.code === 'NOT_FOUND') error(404, event.locals.t('programme.unknownUnit'));
	if (result.error || !result.data) failLoad(result.error!, event.locals.t);
	const data = result.data;
	if (!data.adminUnit) error(404, event.locals.t('programme.unknownUnit'));

	const indicators = data.indicators.edges.map((e) => e.node);
	const tally = () => Object.fromEntries(indicatorStatuses.map((s) => [s, 0])) as Record<IndicatorStatus, number>;
	// Per unit one level down: how many indicators are on track, at risk, off track, without data.
	const summaries = new Map(data.adminUnit.children.map((child) => [child.code, tally()]));
	const own = tally();
	for (const indicator of indicators) {
		for (const value of indicator.breakdown) {
			const counts = summaries.get(value.unit.code);
			if (counts) counts[value.status]++;
		}
		const current = indicator.series.find((v) => v.period === String(year));
		if (current) own[current.status]++;
	}
	return {
		year,
		years,
		programme: data.programme,
		unit: data.adminUnit,
		indicators,
		own,
		children: data.adminUnit.children.map((child) => ({ ...child, counts: summaries.get(child.code)! }))
	};
};
