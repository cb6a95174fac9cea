// Reading environment variables for src/config.ts (docs/configuration.md): every reader checks the value and, when it
// is missing or invalid, notes the variable and returns the default, so that one start names every bad variable
// (`done` throws one ConfigError naming them all), never a value.
import { existsSync } from "node:fs";
import { ConfigError } from "../errors.js";
import { readConfigText } from "./read-file.js";

type Env = Readonly<Record<string, string | undefined>>;

export class Variables {
  readonly #bad: string[] = [];
  #cause: unknown;

  constructor(readonly env: Env) {}

  /** `variable` is missing or invalid: noted; `fallback` stands in until `done`. */
  fail<T>(variable: string, fallback: T, cause?: unknown): T {
    if (!this.#bad.includes(variable)) this.#bad.push(variable);
    this.#cause ??= cause;
    return fallback;
  }

  /** Throws one ConfigError naming every bad variable (`PORT, LOG_LEVEL`), if any was noted. */
  done(): void {
    if (this.#bad.length === 0) return;
    const field = this.#bad.join(", ");
    throw new ConfigError("ERR_CONFIG", this.#cause === undefined ? { field } : { field, cause: this.#cause });
  }

  /** The trimmed value; `fallback` when unset or blank. */
  text(variable: string, fallback: string): string {
    const raw = this.env[variable];
    return raw === undefined || raw.trim() === "" ? fallback : raw.trim();
  }

  /** A whole number in [min, max]. */
  integer(variable: string, fallback: number, min: number, max: number): number {
    const raw = this.env[variable];
    if (raw === undefined || raw === "") return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    return value >= min && value <= max ? value : this.fail(variable, fallback);
  }

  /** One of `choices`; the first is the default. */
  oneOf<T extends string>(variable: string, choices: readonly [T, ...T[]]): T {
    const value = this.text(variable, choices[0]);
    return choices.find((choice) => choice === value) ?? this.fail(variable, choices[0]);
  }

  /** A required value in production; the development default otherwise. */
  required(variable: string, production: boolean, devDefault: () => string): string {
    const value = this.text(variable, "");
    if (value !== "") return value;
    return production ? this.fail(variable, "") : devDefault();
  }

  /** `path` when the file exists. */
  existingFile(variable: string, path: string): string {
    return path === "" || existsSync(path) ? path : this.fail(variable, path);
  }

  /** An optional file: undefined when unset, its path when it exists. */
  optionalFile(variable: string): string | undefined {
    const path = this.text(variable, "");
    return path === "" ? undefined : this.existingFile(variable, path);
  }

  /** The trimmed, non-empty content of a secret file named by `variable`. */
  secretFile(variable: string, path: string): string {
    try {
      const value = readConfigText(path, variable).trim();
      return value === "" ? this.fail(variable, "") : value;
    } catch (error) {
      return this.fail(variable, "", error instanceof ConfigError ? error.cause : error);
    }
  }
}
