import { describeConfigErrors, parseConfig, type Config } from "./schema";

let cached: Config | undefined;

/**
 * The validated configuration, read once. Throws naming every missing or malformed variable;
 * there are no built-in fallback keys (development secrets come from `.data/dev-secrets.env`,
 * generated per machine by the dev runner).
 */
export function config(): Config {
  if (cached) return cached;
  const parsed = parseConfig(process.env);
  if (!parsed.success) {
    throw new Error(`Confide cannot start: configuration is invalid.\n${describeConfigErrors(parsed.error, process.env)}`);
  }
  const cfg = parsed.data;
  if (cfg.NOTES_MASTER_KEYS.keys.get(cfg.NOTES_MASTER_KEYS.current)!.equals(
    cfg.IDENTITY_MASTER_KEYS.keys.get(cfg.IDENTITY_MASTER_KEYS.current)!,
  )) {
    throw new Error("Confide cannot start: NOTES_MASTER_KEYS and IDENTITY_MASTER_KEYS must be different keys.");
  }
  cached = cfg;
  return cfg;
}

/** Forgets the cached configuration, so tests can change keys (e.g. to rotate them). */
export function resetConfigForTests(): void {
  cached = undefined;
}
