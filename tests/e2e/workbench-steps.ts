import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The Strategy workbench's version steps as a trader takes them, for the browser tests that need versions (the page is read at each step: tests open it in beforeAll). */
export function workbenchSteps(pageOf: () => Page) {
  const row = (version: number) => pageOf().locator(`[data-testid=version-row][data-version="${version}"]`);
  return {
    row,
    /** Fills the new-version form (params by key, as text) and creates the draft. */
    async createDraft(params: Record<string, string>, note: string): Promise<void> {
      const page = pageOf();
      for (const [key, value] of Object.entries(params)) await page.fill(`[data-testid=sim-version-${key}]`, value);
      await page.fill('[data-testid=version-note]', note);
      await page.click('[data-testid=version-create]');
    },
    /** Simulates a version against its parent in the page's worker and waits until the relay has recorded the run. */
    async simulate(version: number): Promise<string> {
      const page = pageOf();
      await row(version).locator('[data-testid=version-simulate]').click();
      await page.waitForSelector('[data-testid=wb-comparison-relay][data-status=posted], [data-testid=wb-evidence-error]', { timeout: 60_000 });
      const error = await page.$('[data-testid=wb-evidence-error]');
      if (error) throw new Error(`the simulation failed on the page: ${await error.textContent()}`);
      return (await page.getAttribute('[data-testid=wb-comparison]', 'data-run-id'))!;
    },
    /** Approves on the version's recorded evidence; a refusal's missing evidence fails the test in words. */
    async approve(version: number): Promise<void> {
      const page = pageOf();
      await row(version).locator('[data-testid=version-approve]').click();
      await page.waitForSelector(`[data-testid=version-row][data-version="${version}"][data-state=approved], [data-testid=wb-missing-evidence] li`);
      expect(await page.$$eval('[data-testid=wb-missing-evidence] li', (items) => items.map((li) => li.textContent ?? ''))).toEqual([]);
    },
    async activate(version: number): Promise<void> {
      const page = pageOf();
      await row(version).locator('[data-testid=version-activate]').click();
      await page.waitForSelector(`[data-testid=version-row][data-version="${version}"][data-state=active]`);
    },
  };
}
