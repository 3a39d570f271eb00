// A failed build leaves the previous build's files behind, and a stale dist/ would let the
// bundle test pass against old code: every build starts from an empty dist/.
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

rmSync(join(dirname(fileURLToPath(import.meta.url)), "..", "dist"), { recursive: true, force: true });
