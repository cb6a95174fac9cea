// A node:test reporter that prints, per test file, how many tests passed, failed and were skipped
// (suites are not counted), then the totals. Used to show that no suite of ours depends on the
// external vectors: `node --import tsx --test --test-reporter=./test/support/count-reporter.mjs …`.
import { relative } from "node:path";

export default async function* countReporter(source) {
  const perFile = new Map();
  const row = (file) => {
    const key = file === undefined ? "(unknown)" : relative(process.cwd(), file);
    if (!perFile.has(key)) perFile.set(key, { pass: 0, fail: 0, skip: 0 });
    return perFile.get(key);
  };
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const { data } = event;
    if (data.details?.type === "suite") continue;
    // The runner wraps each file in a test named after it; count only what the file declares.
    if (data.nesting === 0 && data.file !== undefined && data.name === data.file) continue;
    if (data.nesting === 0 && data.file !== undefined && relative(process.cwd(), data.file) === data.name) continue;
    const counts = row(data.file);
    if (data.skip !== undefined && data.skip !== false) counts.skip += 1;
    else if (event.type === "test:pass") counts.pass += 1;
    else {
      counts.fail += 1;
      yield `FAIL ${relative(process.cwd(), data.file ?? "")} › ${data.name}: ${String(data.details?.error?.cause?.message ?? data.details?.error?.message ?? "").split("\n")[0]}\n`;
    }
  }
  const total = { pass: 0, fail: 0, skip: 0 };
  for (const [file, counts] of [...perFile].sort(([a], [b]) => a.localeCompare(b))) {
    yield `${file}\tpass ${counts.pass}\tfail ${counts.fail}\tskip ${counts.skip}\n`;
    for (const key of Object.keys(total)) total[key] += counts[key];
  }
  yield `total\tpass ${total.pass}\tfail ${total.fail}\tskip ${total.skip}\n`;
}
