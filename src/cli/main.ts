import { Command, CommanderError, Option } from "commander";
import { version } from "../../package.json";
import { describeError, languageFromLocale, translate, type Language } from "../i18n";
import { EXIT_DATA, EXIT_OK, EXIT_USAGE, runAct, runBonus, runBudget, runCheck, runRefreshRebates, runStatus, runVerifyLog, type CommandContext } from "./commands";
import { nodeFileOps, type FileOps } from "./files/fs-ops";
import { runPolicy } from "./policy-command";
import { isCliProblem, type CliProblem } from "./files/problem";
import { withWorkbookFile, type FileDeps } from "./files/session";
import { loadWorkbook, type WorkbookLoader } from "./loader";

/** What a test may replace: the file system (to make a call fail), the loader, the lock's patience, the clock. */
export interface CliIo {
  readonly ops?: FileOps;
  readonly load?: WorkbookLoader;
  readonly lockWaitMs?: number;
  readonly lockPollMs?: number;
  readonly now?: () => Date;
}

/** A second run on a locked file waits this long for the first to finish. */
const LOCK_WAIT_MS = 5_000;
const LOCK_POLL_MS = 100;

function localeLanguage(env: NodeJS.ProcessEnv): Language {
  return languageFromLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

function languageOf(argv: readonly string[], env: NodeJS.ProcessEnv): Language {
  const index = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  if (index === -1) return localeLanguage(env);
  const value = argv[index].includes("=") ? argv[index].split("=")[1] : argv[index + 1];
  return value === "zh" ? "zh" : "en";
}

type Runner = (context: CommandContext, options: Record<string, unknown>) => Promise<number>;

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, io: CliIo = {}): Promise<number> {
  const lang = languageOf(argv, env);
  const t = (key: string, params = {}) => translate(lang, `cli.${key}`, params);
  let exitCode = EXIT_OK;
  const program = new Command("mkt-rulebook").description(t("description")).version(version).exitOverride().showHelpAfterError();
  program.addOption(new Option("--lang <lang>", t("optLang")).choices(["en", "zh"]));

  const command = (name: string, summary: string, run: Runner, configure: (c: Command) => Command = (c) => c) =>
    configure(program.command(name).description(summary).argument("<file>", t("fileArg")))
      .exitOverride()
      .action(async (file: string, options: Record<string, unknown>, self: Command) => {
        exitCode = await withWorkbook(file, { lang, options, run, usage: `mkt-rulebook ${self.name()} ${self.usage()}`, io, debug: Boolean(env.MKT_RULEBOOK_DEBUG) });
      });

  const saving = (c: Command) => c.option("--out <file>", t("optOut")).option("--in-place", t("optInPlace"));
  command("refresh-rebates", t("refreshRebates"), runRefreshRebates, (c) =>
    saving(c.option("--year <year>", t("optYear")).option("--ytd", t("optYtd")).option("--month <YYYY-MM>", t("optRebateMonth")).option("--lines", t("optLines"))),
  );
  command("bonus", t("bonus"), runBonus, (c) => saving(c.option("--month <YYYY-MM>", t("optBonusMonth"))));
  command("budget", t("budget"), runBudget, (c) => saving(c.option("--year <year>", t("optYear")).option("--month <YYYY-MM>", t("optBudgetMonth")).option("--ytd", t("optYtd"))));
  command("verify-log", t("verifyLog"), runVerifyLog);
  command("check", t("check"), runCheck);
  command("status", t("status"), runStatus, (c) => c.option("--id <id>", t("optId")));
  command("policy", t("policy"), runPolicy, (c) => c.option("--date <YYYY-MM-DD>", t("optDate")).option("--json", t("optJson")));
  command("act", t("act"), runAct, (c) =>
    saving(
      c
        .requiredOption("--id <id>", t("optId"))
        .requiredOption("--action <action>", t("optAction"))
        .requiredOption("--as <name>", t("optAs"))
        .requiredOption("--role <role>", t("optRole"))
        .option("--comment <text>", t("optComment"))
        .option("--confirm", t("optConfirm")),
    ),
  );

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    throw error;
  }
  return exitCode;
}

interface Invocation {
  readonly lang: Language;
  readonly options: Record<string, unknown>;
  readonly run: Runner;
  /** The command's usage line, shown under a usage mistake. */
  readonly usage: string;
  readonly io: CliIo;
  /** MKT_RULEBOOK_DEBUG: the underlying error of a file problem too, for developers. */
  readonly debug: boolean;
}

async function withWorkbook(file: string, { lang, options, run, usage, io, debug }: Invocation): Promise<number> {
  const say = (key: string, params = {}) => process.stderr.write(translate(lang, `cli.${key}`, params) + "\n");
  const deps: FileDeps = {
    ops: io.ops ?? nodeFileOps,
    load: io.load ?? loadWorkbook,
    lockWaitMs: io.lockWaitMs ?? LOCK_WAIT_MS,
    lockPollMs: io.lockPollMs ?? LOCK_POLL_MS,
    now: io.now ?? (() => new Date()),
    onLockWait: (path, pid) => say("lockWait", { path, pid }),
  };
  const request = { file, out: options.out as string | undefined, inPlace: Boolean(options.inPlace) };
  try {
    return await withWorkbookFile(request, deps, async (workbook, save) => {
      const context: CommandContext = { lang, tables: workbook.tables, save, say, print: (line) => process.stdout.write(line + "\n"), now: deps.now };
      return await run(context, options);
    });
  } catch (error) {
    if (!isCliProblem(error)) {
      say("failed", { message: describeError(error, lang) });
      return EXIT_DATA;
    }
    say(error.key, problemParams(error, lang));
    if (debug && error.cause) process.stderr.write(`${error.cause instanceof Error ? error.cause.stack : String(error.cause)}\n`);
    if (error.kind === "usage") {
      say("usageLine", { usage });
      return EXIT_USAGE;
    }
    return EXIT_DATA;
  }
}

/** A system error code (ENOSPC) as words, where the message has a {{reason}}. */
function problemParams(problem: CliProblem, lang: Language): Record<string, unknown> {
  const code = problem.params.code;
  if (code === undefined) return problem.params;
  const reason = translate(lang, `cli.reason.${code}`, { defaultValue: translate(lang, "cli.reason.other", { code }) });
  return { ...problem.params, reason };
}
