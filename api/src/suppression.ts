// Small-cell suppression shared by every published table of counts about children (the
// register's statistics, council participation). The method is written down in
// docs/SUPPRESSION.md.

/** Cells under this count are never published (zero included: "none" is as telling as "one"). */
export const MIN_PUBLISHED_COUNT = 5;

/**
 * Primary suppression: every cell under MIN_PUBLISHED_COUNT. Complementary suppression: the
 * table is a set of sums, each given as [total, ...parts], and a sum with exactly one hidden
 * term would give that term away by subtraction. So, until no sum has exactly one hidden term,
 * hide one more term of each such sum: its smallest published part (ties by key), or the total
 * when no part is left. Deterministic: it depends only on the counts and the sums.
 */
export function suppressCells(sums: string[][], count: (key: string) => number): Set<string> {
  const hidden = new Set<string>();
  for (const sum of sums) for (const k of sum) if (count(k) < MIN_PUBLISHED_COUNT) hidden.add(k);

  for (let changed = true; changed;) {
    changed = false;
    for (const [total, ...parts] of sums as [string, ...string[]][]) {
      const hiddenTerms = (hidden.has(total) ? 1 : 0) + parts.filter((p) => hidden.has(p)).length;
      if (hiddenTerms !== 1) continue;
      const candidates = parts.filter((p) => !hidden.has(p)).sort((a, b) => count(a) - count(b) || (a < b ? -1 : 1));
      hidden.add(candidates[0] ?? total);
      changed = true;
    }
  }
  return hidden;
}
