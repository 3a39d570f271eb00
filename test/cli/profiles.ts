/**
 * Profiles (src/cli/profile.ts) for the command line's tests: a fresh folder per test, set as
 * MKT_RULEBOOK_HOME in process.env (jest gives each test file its own), so that no test
 * reads or writes the user's own profile, and one more per person for tests of several users.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ProfileSandbox {
  /** The profile every run without its own environment uses in this test. */
  readonly home: string;
  /** `person`'s own profile folder (not created: the command creates it). */
  dir(person: string): string;
  /** The environment of a run as `person`, for main(argv, env). */
  env(person: string): NodeJS.ProcessEnv;
}

export function profileSandbox(prefix = "mkt-profile-"): ProfileSandbox {
  const state = { root: "", previous: undefined as string | undefined };
  beforeEach(async () => {
    state.root = await mkdtemp(join(tmpdir(), prefix));
    state.previous = process.env.MKT_RULEBOOK_HOME;
    process.env.MKT_RULEBOOK_HOME = join(state.root, "default");
  });
  afterEach(async () => {
    if (state.previous === undefined) delete process.env.MKT_RULEBOOK_HOME;
    else process.env.MKT_RULEBOOK_HOME = state.previous;
    await rm(state.root, { recursive: true, force: true });
  });
  const dir = (person: string) => join(state.root, person);
  return {
    get home() {
      return dir("default");
    },
    dir,
    env: (person) => ({ ...process.env, MKT_RULEBOOK_HOME: dir(person) }),
  };
}
