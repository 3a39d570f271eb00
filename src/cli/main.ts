import { Command, CommanderError, Option } from "commander";
import { version } from "../../package.json";
import { describeError, languageFromLocale, translate, type Language } from "../i18n";
import { ExcelJsWorkbookTables } from "../workbook/node";
import { EXIT_DATA, EXIT_OK, EXIT_USAGE, runBonus, runBudget, runCheck, runRefreshRebates, runVerifyLog, type CommandContext, type SaveTarget } from "./commands";
import { loadXlsx } from "./xlsx-file";

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

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const lang = languageOf(argv, env);
  const t = (key: string, params = {}) => translate(lang, `cli.${key}`, params);
  let exitCode = EXIT_OK;
  const program = new Command("mkt-rulebook").description(t("description")).version(version).exitOverride().showHelpAfterError();
  program.addOption(new Option("--lang <lang>", t("optLang")).choices(["en", "zh"]));

  const command = (name: string, summary: string, run: Runner, configure: (c: Command) => Command = (c) => c) =>
    configure(program.command(name).description(summary).argument("<file>", t("fileArg")))
      .exitOverride()
      .action(async (file: string, options: Record<string, unknown>) => {
        exitCode = await withWorkbook(file, lang, options, run);
      });

  const saving = (c: Command) => c.option("--out <file>", t("optOut")).option("--in-place", t("optInPlace"));
  command("refresh-rebates", t("refreshRebates"), runRefreshRebates, (c) =>
    saving(c.option("--year <year>", t("optYear")).option("--ytd", t("optYtd")).option("--lines", t("optLines"))),
  );
  command("bonus", t("bonus"), runBonus, (c) => saving(c.requiredOption("--month <YYYY-MM>", t("optMonth"))));
  command("budget", t("budget"), runBudget, (c) => saving(c.option("--year <year>", t("optYear")).option("--month <YYYY-MM>", t("optMonth")).option("--ytd", t("optYtd"))));
  command("verify-log", t("verifyLog"), runVerifyLog);
  command("check", t("check"), runCheck);

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    throw error;
  }
  return exitCode;
}

async function withWorkbook(file: string, lang: Language, options: Record<string, unknown>, run: Runner): Promise<number> {
  const say = (key: string, params = {}) => process.stderr.write(translate(lang, `cli.${key}`, params) + "\n");
  try {
    const { workbook, unsupported } = await loadXlsx(file);
    const save: SaveTarget = { out: options.out as string | undefined, inPlace: options.inPlace ? file : undefined };
    if (unsupported.length > 0 && (save.out || save.inPlace)) say("unsupported", { what: unsupported.join(", ") });
    const context: CommandContext = { lang, workbook, tables: new ExcelJsWorkbookTables(workbook), save, say, print: (line) => process.stdout.write(line + "\n") };
    return await run(context, options);
  } catch (error) {
    say("failed", { message: describeError(error, lang) });
    return EXIT_DATA;
  }
}
