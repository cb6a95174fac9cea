// RULES_DIR as a reloaded source (src/reload/watched-source.ts): the folder listed and each set's newest file read
// asynchronously, every call within one time bound and each file through the bounded reader (src/io/bounded-file.ts),
// so a FIFO or a hung mount in the folder is refused, never waited on. A new, removed or changed set file is a new
// version; the sets are parsed and checked by load-rule-sets.ts, as at start.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileVersion, readWhole, timeBound, utf8, type FileBounds } from "../io/bounded-file.js";
import { ConfigError } from "../errors.js";
import type { SourceFiles } from "../reload/watched-source.js";
import { newestVersion } from "../config/newest-version.js";
import { isSetId, parseRuleSets, type RulesListing } from "./load-rule-sets.js";
import type { RuleSet } from "./types.js";

/** A rules folder as read: its listing and the bytes of each set's newest file, by path. */
export interface RulesFolder {
  readonly listing: RulesListing;
  readonly files: ReadonlyMap<string, Uint8Array>;
}

async function listFolder(dir: string): Promise<RulesListing> {
  const listing = new Map<string, readonly string[] | undefined>();
  for (const id of (await readdir(dir)).filter(isSetId).sort()) {
    listing.set(id, await readdir(join(dir, id)).catch(() => undefined)); // a file beside the sets is not a set
  }
  return listing;
}

/** Each set's newest file: its path. */
function newestFiles(dir: string, listing: RulesListing): string[] {
  return [...listing].flatMap(([id, names]) => {
    const version = names === undefined ? undefined : newestVersion(names);
    return version === undefined ? [] : [join(dir, id, `${version}.json`)];
  });
}

const folderVersion = (listing: RulesListing, versions: readonly string[]) => `${JSON.stringify([...listing])}\n${versions.join("\n")}`;

export function rulesFolderFiles(dir: string, bounds: FileBounds): SourceFiles<RulesFolder> {
  const bounded = timeBound(bounds.timeoutMs);
  return {
    version: () =>
      bounded(async () => {
        const listing = await listFolder(dir);
        const versions = await Promise.all(newestFiles(dir, listing).map((path) => fileVersion(path)));
        return folderVersion(listing, versions);
      }),
    read: () =>
      bounded(async () => {
        const listing = await listFolder(dir);
        const files = new Map<string, Buffer>();
        const versions: string[] = [];
        for (const path of newestFiles(dir, listing)) {
          const { bytes, version } = await readWhole(path, bounds.maxBytes);
          files.set(path, bytes);
          versions.push(version);
        }
        return { raw: { listing, files }, version: folderVersion(listing, versions) };
      }),
  };
}

/** The sets of a folder as read, checked (load-rule-sets.ts); any broken set throws. */
export function parseRulesFolder(dir: string, folder: RulesFolder): ReadonlyMap<string, RuleSet> {
  return parseRuleSets(dir, folder.listing, (path, label) => {
    const bytes = folder.files.get(path);
    if (bytes === undefined) throw new ConfigError("ERR_CONFIG", { field: label });
    return utf8(bytes);
  });
}
