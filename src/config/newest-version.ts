// Versioned folders (README, "Layout"): `mappings/<table>/<n>.json` and `rules/<set>/<n>.json`. A change is a new
// file with the next number; the highest one is in force.
const VERSION_FILE = /^([1-9]\d*)\.json$/;

/** The highest `<n>.json` among a folder's names; undefined when there is none. */
export function newestVersion(names: readonly string[]): number | undefined {
  const versions = names.flatMap((name) => VERSION_FILE.exec(name)?.[1] ?? []).map(Number);
  return versions.length === 0 ? undefined : Math.max(...versions);
}
