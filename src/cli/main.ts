import { Command, Option } from "commander";
import { version } from "../../package.json";
import { describeError, languageFromLocale, LANGUAGES, translate, type Language } from "../i18n";
import { EXIT_DATA, EXIT_OK, EXIT_USAGE, runAct, runBonus, runBudget, runCheck, runRefreshRebates, runStatus, type CommandContext } from "./commands";
import { runKey } from "./key-command";
import { runOpportunities } from "./opportunities-command";
import { nodeFileOps, type FileOps } from "./files/fs-ops";
import { runPolicy } from "./policy-command";
import { profileDir } from "./profile";
import { runVerifyLog } from "./verify-log";
import { isCliProblem, type CliProblem } from "./files/problem";
import { withWorkbookFile, type FileDeps } from "./files/session";
import { loadWorkbook, type WorkbookLoader } from "./loader";
import { CommandLineStop, helpIn, mistakeLine, mistakenCommand, stopIn, usageOf } from "./usage";

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

/** POSIX order: LC_ALL, then LC_MESSAGES, then LANG; an empty one counts as unset. */
function localeLanguage(env: NodeJS.ProcessEnv): Language {
  return languageFromLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/**
 * --lang as commander will take it (the last one given), read before parsing so that
 * commander's help and mistakes are in that language too; a --lang commander will refuse
 * leaves the locale's language, to say so in.
 */
function languageOf(argv: readonly string[], env: NodeJS.ProcessEnv): Language {
  let chosen: string | undefined;
  argv.forEach((word, i) => {
    if (word === "--lang") chosen = argv[i + 1];
    else if (word.startsWith("--lang=")) chosen = word.slice("--lang=".length);
  });
  return LANGUAGES.find((lang) => lang === chosen) ?? localeLanguage(env);
}

type Runner = (context: CommandContext, options: Record<string, unknown>) => Promise<number>;

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, io: CliIo = {}): Promise<number> {
  const lang = languageOf(argv, env);
  const t = (key: string, params = {}) => translate(lang, `cli.${key}`, params);
  let exitCode = EXIT_OK;
  const program = programIn(lang);

  const command = (name: string, summary: string, run: Runner, configure: (c: Command) => Command = (c) => c) => {
    const created = configure(program.command(name).description(summary).argument("<file>", t("fileArg")));
    // Set on each command: the one inherited from the program would report the program's usage.
    return created.exitOverride(stopIn(created)).action(async (file: string, options: Record<string, unknown>) => {
      exitCode = await withWorkbook(file, { lang, options, run, usage: usageOf(created), io, debug: Boolean(env.MKT_RULEBOOK_DEBUG), profile: profileDir(env) });
    });
  };

  const saving = (c: Command) => c.option("--out <file>", t("optOut")).option("--in-place", t("optInPlace"));
  command("refresh-rebates", t("refreshRebates"), runRefreshRebates, (c) =>
    saving(c.option("--year <year>", t("optYear")).option("--ytd", t("optYtd")).option("--month <YYYY-MM>", t("optRebateMonth")).option("--lines", t("optLines"))),
  );
  command("bonus", t("bonus"), runBonus, (c) => saving(c.option("--month <YYYY-MM>", t("optBonusMonth"))));
  command("budget", t("budget"), runBudget, (c) => saving(c.option("--year <year>", t("optYear")).option("--month <YYYY-MM>", t("optBudgetMonth")).option("--ytd", t("optYtd"))));
  command("opportunities", t("opportunities"), runOpportunities, (c) =>
    saving(c.option("--month <YYYY-MM>", t("optOpportunityMonth")).option("--year <year>", t("optOpportunityYear")).option("--within <share>", t("optWithin"))),
  );
  const collect = (value: string, previous: string[] = []) => [...previous, value];
  command("verify-log", t("verifyLog"), runVerifyLog, (c) =>
    c.option("--trust <keyId>", t("optTrust"), collect).option("--older-copy", t("optOlderCopy")).option("--witness <file.json>", t("optWitness")).option("--export-head", t("optExportHead")),
  );
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
        .option("--confirm", t("optConfirm"))
        .option("--older-copy", t("optActOlderCopy")),
    ),
  );
  command("key", t("key"), runKey, (c) =>
    saving(
      c
        .requiredOption("--as <name>", t("optAs"))
        .requiredOption("--role <role>", t("optRole"))
        .option("--publish", t("optPublish"))
        .option("--introduce <key>", t("optIntroduce"))
        .option("--approve <keyId>", t("optApprove"))
        .option("--revoke <keyId>", t("optRevoke"))
        .option("--older-copy", t("optActOlderCopy")),
    ),
  );

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommandLineStop) return stopped(error, argv, lang);
    throw error;
  }
  return exitCode;
}

/** The program with commander's own texts in `lang`, every stop reported as a CommandLineStop. */
function programIn(lang: Language): Command {
  const t = (key: string) => translate(lang, `cli.${key}`);
  // Set before the commands are added: each command inherits the help and output settings.
  const program = new Command("mkt-rulebook")
    .description(t("description"))
    .version(version, "-V, --version", t("optVersion"))
    .helpOption("-h, --help", t("optHelp"))
    .helpCommand("help [command]", t("helpCommand"))
    .configureHelp(helpIn(lang))
    // stopped() says each mistake in the user's language; commander's English line would come first.
    .configureOutput({ outputError: () => undefined });
  return program.addOption(new Option("--lang <lang>", t("optLang")).choices(LANGUAGES)).exitOverride(stopIn(program));
}

/**
 * Help or the version shown: exit 0. No command at all: commander has shown the whole help
 * (on stderr), exit 2. Any other stop is a usage mistake: one line, the usage line, exit 2.
 */
function stopped(stop: CommandLineStop, argv: readonly string[], lang: Language): number {
  if (stop.stop.exitCode === 0) return EXIT_OK;
  if (stop.stop.code !== "commander.help") {
    const command = mistakenCommand(stop, argv);
    process.stderr.write(`${mistakeLine(stop.stop, command, lang)}\n${translate(lang, "cli.usageLine", { usage: usageOf(command) })}\n`);
  }
  return EXIT_USAGE;
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
  /** The user's profile folder (./profile.ts). */
  readonly profile: string;
}

async function withWorkbook(file: string, { lang, options, run, usage, io, debug, profile }: Invocation): Promise<number> {
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
      const context: CommandContext = { lang, tables: workbook.tables, save, say, print: (line) => process.stdout.write(line + "\n"), now: deps.now, file, profile };
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
