/**
 * `npm run api:update`: rewrite api-report.json, the pinned public surface of every entry point, after a
 * deliberate change to it. test/unit/api-report.test.ts fails until the report and the sources agree,
 * so every change to what users can import shows up as a diff of that file in review.
 */
import { writeFileSync } from 'node:fs';
import { buildApiReport } from '../test/support/api-report';

const report = buildApiReport();
writeFileSync(new URL('../api-report.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
for (const [entry, names] of Object.entries(report)) console.info(`${entry}: ${Object.keys(names).length} exports`);
