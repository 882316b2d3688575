// Progress of an indicator against its plan: the straight path from the baseline (at the end of
// its year) to the 2025 target (end of 2025) and on to the 2030 target (end of 2030).

export type IndicatorStatus = 'ON_TRACK' | 'AT_RISK' | 'OFF_TRACK' | 'NO_DATA';
export type Direction = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';

export interface Plan {
  baselineYear: number;
  baseline: number;
  target2025: number;
  target2030: number;
}

/**
 * How far behind the path an actual value may be and still count as AT_RISK rather than
 * OFF_TRACK: a quarter of the change planned from the baseline to 2030. For a target that only
 * keeps a level (no planned change), 5% of the baseline stands in for the planned change.
 */
export const AT_RISK_SHARE = 0.25;
export const STEADY_TARGET_SHARE = 0.05;

/** The value the straight path expects at a point of the time line (see period.ts `position`). */
export function pathValue(plan: Plan, position: number): number {
  const { baselineYear, baseline, target2025, target2030 } = plan;
  if (position <= baselineYear) return baseline;
  if (position <= 2025) return baselineYear >= 2025 ? target2025 : baseline + ((target2025 - baseline) * (position - baselineYear)) / (2025 - baselineYear);
  if (position <= 2030) return target2025 + ((target2030 - target2025) * (position - 2025)) / 5;
  return target2030;
}

/**
 * ON_TRACK: on the path or better. AT_RISK: behind it by at most AT_RISK_SHARE of the planned
 * change. OFF_TRACK: further behind. NO_DATA: no value (nothing reported, or a zero
 * denominator) or no plan.
 */
export function progressStatus({ value, plan, position, direction }: { value: number | null; plan: Plan | null; position: number; direction: Direction }): IndicatorStatus {
  if (value === null || !plan) return 'NO_DATA';
  const expected = pathValue(plan, position);
  const shortfall = direction === 'HIGHER_IS_BETTER' ? expected - value : value - expected;
  if (shortfall <= 1e-9) return 'ON_TRACK';
  const planned = Math.max(Math.abs(plan.target2030 - plan.baseline), STEADY_TARGET_SHARE * Math.abs(plan.baseline));
  return shortfall <= AT_RISK_SHARE * planned ? 'AT_RISK' : 'OFF_TRACK';
}
