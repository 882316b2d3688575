import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer } from '../support/server.js';
import { Client } from '../support/graphql.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ databaseUrl: inject('databaseUrl') });
});
afterAll(() => server.close());

const PROGRAMME = `{
  programme {
    titleVi titleEn startYear endYear
    leadAgency { name nameEn }
    tasks { number titleVi titleEn leadAgency { name } assignments { role agency { code } } }
    objectiveGroups { number titleVi titleEn }
    agencies { code name kind }
  }
}`;

describe('programme (public)', () => {
  it('has the 8 tasks and 4 objective groups of the 2021–2030 programme, each task led by an agency', async () => {
    const { data, errors } = await new Client(server.url).request(PROGRAMME);
    expect(errors).toBeUndefined();
    const programme = data!.programme;
    expect([programme.startYear, programme.endYear]).toEqual([2021, 2030]);
    expect(programme.leadAgency.name).toBe('Sở Lao động – Thương binh và Xã hội');
    expect(programme.tasks.map((t: { number: number }) => t.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(programme.objectiveGroups.map((g: { number: number }) => g.number)).toEqual([1, 2, 3, 4]);
    for (const task of programme.tasks) {
      expect(task.titleVi.length).toBeGreaterThan(10);
      expect(task.titleEn.length).toBeGreaterThan(10);
      expect(task.leadAgency?.name).toBeTruthy();
      expect(task.assignments.filter((a: { role: string }) => a.role === 'LEAD')).toHaveLength(1);
    }
    expect(programme.tasks[1].leadAgency.name).toBe('Sở Tư pháp');
    expect(programme.agencies.length).toBeGreaterThanOrEqual(10);
    expect(programme.agencies[0].code).toBe('SLDTBXH');
  });

  it('loads the whole tree in a fixed number of SQL queries (no N+1)', async () => {
    server.queries.length = 0;
    await new Client(server.url).request(PROGRAMME);
    // programme, tasks, lead assignments + agencies, assignments + agencies, groups, agencies
    expect(server.queries.length).toBeLessThanOrEqual(10);
  });

  it('answers with headers that keep responses out of shared caches, frames and sniffing', async () => {
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ programme { code } }' }) });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('refuses a query nested too deep before running it', async () => {
    const nested = '{ councils { children { children { children { children { children { children { children { children { children { id } } } } } } } } } } }';
    const result = await new Client(server.url, 'en').request(nested);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toBe('This query is too large or nested too deep. Please split it into smaller ones.');
    expect(result.data ?? null).toBeNull();
  });

  it('refuses unknown fields with a validation error and no data', async () => {
    const result = await new Client(server.url).request('{ programme { budget } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
