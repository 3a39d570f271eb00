// The command line as a user meets it (issue 10, point 7): the language from the locale, every
// usage mistake as one line of ours with the command's usage line (commander's own too), help
// and version in the user's language, and every file problem as one line of ours.
import { chmod, copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { version } from "../../package.json";
import { CommanderError, Command } from "commander";
import { main } from "../../src/cli/main";
import { mistakeLine } from "../../src/cli/usage";
import { languageFromLocale } from "../../src/i18n";
import { cliSandbox } from "../support/cli-sandbox";
import { linesOf, runBin } from "./run-bin";

const SAMPLE = join(__dirname, "..", "..", "assets", "sample-workbook.xlsx");
const IS_ROOT = process.getuid?.() === 0;
const ZH = { LANG: "zh_CN.UTF-8" };

const sandbox = cliSandbox("mkt-command-line-");
const { stderr } = sandbox;
const errorLines = () => linesOf(stderr.join(""));
const stdout = () => (process.stdout.write as unknown as jest.Mock).mock.calls.map(([chunk]) => String(chunk)).join("");
/** Help text as one line: commander wraps long descriptions at 80 columns. */
const unwrapped = (text: string) => text.replace(/\s+/g, " ");

describe("languageFromLocale", () => {
  it.each(["zh", "zh_CN", "zh_CN.UTF-8", "zh_TW.UTF-8", "zh-Hans", "zh-CN", "zh@x", "ZH_cn.utf8", " zh_CN "])("%s is Chinese", (locale) => {
    expect(languageFromLocale(locale)).toBe("zh");
  });
  it.each(["zhx", "zh1", "C.UTF-8", "C", "POSIX", "en_US.UTF-8", "", "  ", undefined, null])("%s is English", (locale) => {
    expect(languageFromLocale(locale)).toBe("en");
  });
});

describe("the language: --lang, else LC_ALL, then LC_MESSAGES, then LANG", () => {
  const missing = () => join(sandbox.dir, "nope.xlsx");
  const saysInChinese = () => expect(errorLines()).toEqual([`${missing()}：文件不存在。`]);
  const saysInEnglish = () => expect(errorLines()).toEqual([`${missing()}: no such file.`]);
  const run = async (env: NodeJS.ProcessEnv, ...options: string[]) => expect(await main(["check", missing(), ...options], env)).toBe(1);

  it("the real command in LANG=zh_CN.UTF-8 speaks Chinese", () => {
    const result = runBin(["check", missing()], { env: ZH });
    expect(linesOf(result.stderr)).toEqual([`${missing()}：文件不存在。`]);
    expect(result.status).toBe(1);
  });

  it("the real command in LC_ALL=zh_CN.UTF-8 speaks Chinese, whatever LANG says", () => {
    const result = runBin(["check", missing()], { env: { LC_ALL: "zh_CN.UTF-8", LANG: "en_US.UTF-8" } });
    expect(linesOf(result.stderr)).toEqual([`${missing()}：文件不存在。`]);
    expect(result.status).toBe(1);
  });

  it("LC_ALL comes before LC_MESSAGES and LANG", async () => {
    await run({ LC_ALL: "en_US.UTF-8", LC_MESSAGES: "zh_CN.UTF-8", LANG: "zh_CN.UTF-8" });
    saysInEnglish();
  });

  it("LC_MESSAGES comes before LANG", async () => {
    await run({ LC_MESSAGES: "zh_CN.UTF-8", LANG: "en_US.UTF-8" });
    saysInChinese();
  });

  it("an empty LC_ALL counts as unset", async () => {
    await run({ LC_ALL: "", LANG: "zh_TW.UTF-8" });
    saysInChinese();
  });

  it("no locale at all is English", async () => {
    await run({});
    saysInEnglish();
  });

  it("--lang overrides the locale, in either spelling", async () => {
    await run({ LC_ALL: "zh_CN.UTF-8" }, "--lang", "en");
    saysInEnglish();
    stderr.length = 0;
    await run({ LANG: "C.UTF-8" }, "--lang=zh");
    saysInChinese();
  });
});

/** A usage mistake: exit 2, our one-line message, then the command's usage line; nothing of commander's. */
async function expectUsageMistake(argv: string[], env: NodeJS.ProcessEnv, message: string, usage: string): Promise<void> {
  stderr.length = 0;
  expect(await main(argv, env)).toBe(2);
  expect(errorLines()).toEqual([message, usage]);
  expect(stdout()).toBe("");
}

const usageEn = (command: string) => `Usage: mkt-rulebook ${command}  (--help for every option)`;
const usageZh = (command: string) => `用法：mkt-rulebook ${command}（--help 查看全部选项）`;
const BUDGET = "budget [options] <file>";
const PROGRAM = "[options] [command]";
const COMMANDS = ["refresh-rebates", "bonus", "budget", "opportunities", "verify-log", "check", "status", "policy", "act", "key"];

describe("usage mistakes, commander's included: exit 2, one line in the user's language and the usage line", () => {
  const book = "book.xlsx";

  it("an unknown command", async () => {
    await expectUsageMistake(["frob"], {}, `“frob” is not a command; the commands are ${COMMANDS.join(", ")}.`, usageEn(PROGRAM));
    await expectUsageMistake(["frob"], ZH, `“frob”不是命令；可用的命令：${COMMANDS.join("、")}。`, usageZh(PROGRAM));
  });

  it("an unknown option, of a command or of the program", async () => {
    await expectUsageMistake(["budget", book, "--bogus"], {}, "mkt-rulebook budget has no option --bogus.", usageEn(BUDGET));
    await expectUsageMistake(["budget", book, "--bogus"], ZH, "mkt-rulebook budget 没有选项 --bogus。", usageZh(BUDGET));
    await expectUsageMistake(["--bogus"], {}, "mkt-rulebook has no option --bogus.", usageEn(PROGRAM));
  });

  it("an unknown option close to a real one names the real one", async () => {
    await expectUsageMistake(["budget", book, "--ydt"], {}, "mkt-rulebook budget has no option --ydt; did you mean --ytd?", usageEn(BUDGET));
    await expectUsageMistake(["budget", book, "--ydt"], ZH, "mkt-rulebook budget 没有选项 --ydt；是不是要用 --ytd？", usageZh(BUDGET));
  });

  it("the <file> argument missing", async () => {
    await expectUsageMistake(["budget"], {}, "mkt-rulebook budget needs the <file> argument: the .xlsx workbook.", usageEn(BUDGET));
    await expectUsageMistake(["budget", "--ytd"], ZH, "mkt-rulebook budget 缺少参数 <file>：.xlsx 工作簿。", usageZh(BUDGET));
  });

  it("a required option missing", async () => {
    const act = ["act", book, "--action", "approve", "--as", "Li", "--role", "director"];
    const usage = "act [options] <file>";
    await expectUsageMistake(act, {}, "mkt-rulebook act needs --id <id>: the item's ID.", usageEn(usage));
    await expectUsageMistake(act, ZH, "mkt-rulebook act 必须给出 --id <id>：事项编号。", usageZh(usage));
  });

  it("an option's value missing", async () => {
    await expectUsageMistake(["budget", book, "--month"], {}, "--month needs a value, as in --month <YYYY-MM>.", usageEn(BUDGET));
    await expectUsageMistake(["budget", book, "--month"], ZH, "--month 缺少取值，应写作 --month <YYYY-MM>。", usageZh(BUDGET));
  });

  it("a --lang that is neither en nor zh: said in the locale's language, with the command's usage", async () => {
    await expectUsageMistake(["budget", book, "--lang", "fr"], {}, "--lang: “fr” is not one of en, zh.", usageEn(BUDGET));
    await expectUsageMistake(["budget", book, "--lang", "fr"], ZH, "--lang：“fr”不在可选值 en、zh 之中。", usageZh(BUDGET));
    await expectUsageMistake(["--lang=de"], {}, "--lang: “de” is not one of en, zh.", usageEn(PROGRAM));
  });

  it("too many arguments", async () => {
    await expectUsageMistake(["budget", "a.xlsx", "b.xlsx"], {}, "Too many arguments: “b.xlsx”; mkt-rulebook budget takes only <file>.", usageEn(BUDGET));
    await expectUsageMistake(["check", "a.xlsx", "b", "c"], ZH, "参数过多：“b” “c”；mkt-rulebook check 只接受 <file>。", usageZh("check [options] <file>"));
  });

  it("no command at all: the whole help, in the user's language, on stderr", async () => {
    expect(await main([], ZH)).toBe(2);
    expect(stderr.join("")).toMatch(/^用法： mkt-rulebook \[options\] \[command\]\n[^]*\n命令：\n {2}refresh-rebates/);
    expect(stdout()).toBe("");
  });

  it("a commander error of a shape not foreseen: commander's own line, without its “error: ”", () => {
    const conflict = new CommanderError(1, "commander.conflictingOption", "error: option '--out <file>' cannot be used with option '--in-place'");
    expect(mistakeLine(conflict, new Command("mkt-rulebook"), "en")).toBe("option '--out <file>' cannot be used with option '--in-place'");
    const reworded = new CommanderError(1, "commander.unknownOption", "error: '--bogus' is not known\n(extra)");
    expect(mistakeLine(reworded, new Command("mkt-rulebook"), "zh")).toBe("'--bogus' is not known");
  });

  it("the real command: the same two lines, nothing of commander's (no “error:”, no whole help)", () => {
    const result = runBin(["budget", "book.xlsx", "--bogus"], { env: ZH });
    expect(linesOf(result.stderr)).toEqual(["mkt-rulebook budget 没有选项 --bogus。", usageZh(BUDGET)]);
    expect(result.stdout).toBe("");
    expect(result.status).toBe(2);
  });
});

describe("help and version", () => {
  const help = async (env: NodeJS.ProcessEnv, ...argv: string[]) => {
    (process.stdout.write as unknown as jest.Mock).mockClear();
    expect(await main(argv, env)).toBe(0);
    expect(stderr.join("")).toBe("");
    return stdout();
  };

  it("--help and help COMMAND exit 0", async () => {
    expect(await help({}, "--help")).toMatch(/^Usage: mkt-rulebook \[options\] \[command\]\n/);
    expect(await help({}, "help", "budget")).toMatch(/^Usage: mkt-rulebook budget \[options\] <file>\n/);
  });

  it("every command's help lists --lang, in both languages", async () => {
    for (const command of COMMANDS) {
      expect(await help({}, command, "--help")).toMatch(/\n {2}--lang <lang> +language of messages: en or zh/);
      expect(await help(ZH, command, "--help")).toMatch(/\n {2}--lang <lang> +消息语言：en 或 zh/);
    }
  });

  it("the Chinese help has commander's own texts in Chinese too", async () => {
    const texts = [await help(ZH, "--help"), await help(ZH, "budget", "--help")].join("\n");
    for (const title of ["用法：", "参数：", "选项：", "全局选项：", "命令："]) expect(texts).toMatch(new RegExp(`(^|\n)${title}`));
    expect(texts).toMatch(/-h, --help +显示此命令的帮助/);
    expect(texts).toMatch(/-V, --version +显示版本号/);
    expect(texts).toMatch(/help \[command\] +显示某个命令的帮助/);
    for (const english of ["Usage", "Options", "Arguments", "Commands", "display help", "output the version", "choices", "default:"]) expect(texts).not.toContain(english);
  });

  it("the English help names the locale variables and has no leftovers of commander's", async () => {
    const text = unwrapped(await help({}, "budget", "--help"));
    expect(text).toContain("--lang <lang> language of messages: en or zh (default: from LC_ALL, LC_MESSAGES or LANG)");
    expect(text).toContain("-h, --help display help for the command");
    expect(text).not.toContain("choices:");
  });

  it("budget --help: --ytd runs through the end of --month, by default the latest month with data, not up to today", async () => {
    const en = unwrapped(await help({}, "budget", "--help"));
    expect(en).toContain("--ytd year to date, an accrual estimate: 1 January through the end of --month (default: the latest month of the year with data)");
    const zh = unwrapped(await help(ZH, "budget", "--help"));
    expect(zh).toContain("--ytd 年初至今（预提估算）：1 月 1 日至 --month 月末（默认：该年有数据的最近一个月）");
    expect(`${en} ${zh}`).not.toMatch(/today|今天|今日/);
  });

  it.each([["--version"], ["-V"]])("%s prints the version and exits 0, in either language", async (flag) => {
    for (const env of [{}, ZH]) expect(await help(env, flag)).toBe(`${version}\n`);
    expect(await help({}, flag, "--lang", "zh")).toBe(`${version}\n`);
  });

  it("the real command: help in Chinese from LANG, and the version", () => {
    const result = runBin(["budget", "--help"], { env: ZH });
    expect(result.stdout).toMatch(/^用法： mkt-rulebook budget \[options\] <file>\n/);
    expect(result.stdout).toContain("全局选项：");
    expect(result.status).toBe(0);
    for (const flag of ["--version", "-V"]) {
      const shown = runBin([flag], { env: ZH });
      expect([shown.stdout, shown.stderr, shown.status]).toEqual([`${version}\n`, "", 0]);
    }
  });
});

describe("file problems through the real command: one line of ours, exit 1", () => {
  /** No system code, library message, web address or stack frame reaches the user. */
  const RAW = /\bE[A-Z]{3,}\b|Error|error:|https?:\/\/|\n\s+at |node:/;

  const expectOneLine = (args: string[], message: string, options: Parameters<typeof runBin>[1] = {}) => {
    const result = runBin(args, options);
    expect(linesOf(result.stderr)).toEqual([message]);
    expect(result.stderr).not.toMatch(RAW);
    expect(result.status).toBe(1);
  };

  it("a path that does not exist", () => {
    const path = join(sandbox.dir, "nope.xlsx");
    expectOneLine(["budget", path], `${path}: no such file.`);
    expectOneLine(["budget", path], `${path}：文件不存在。`, { env: ZH });
  });

  it("a folder", async () => {
    const path = join(sandbox.dir, "folder.xlsx");
    await mkdir(path);
    expectOneLine(["budget", path], `${path} is a folder; give the path of an .xlsx file.`);
    expectOneLine(["budget", path], `${path} 是文件夹；请给出 .xlsx 文件的路径。`, { env: ZH });
  });

  it("a file that is not a workbook: a photo, or a CSV file named .xlsx", async () => {
    const path = join(sandbox.dir, "photo.xlsx");
    await writeFile(path, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3]));
    expectOneLine(["budget", path], `${path} is not an Excel workbook (.xlsx or .xlsm).`);
    expectOneLine(["budget", path], `${path} 不是 Excel 工作簿（.xlsx 或 .xlsm）。`, { env: ZH });
    const csv = join(sandbox.dir, "notes.xlsx");
    await writeFile(csv, "Dealer,Amount\nA,100\n");
    expectOneLine(["budget", csv], `${csv} is a .csv file; open it in Excel and save it as .xlsx.`);
  });

  it("a corrupt zip: cut off, or damaged in the middle", async () => {
    const bytes = Buffer.from(await readFile(SAMPLE));
    const cut = join(sandbox.dir, "cut.xlsx");
    await writeFile(cut, bytes.subarray(0, bytes.length / 2));
    expectOneLine(["budget", cut], `${cut} is incomplete: the file was cut off (while copying or downloading?). Use a complete copy.`);
    expectOneLine(["budget", cut], `${cut} 不完整：文件被截断了（复制或下载时中断？）。请使用完整的副本。`, { env: ZH });
    const damaged = join(sandbox.dir, "damaged.xlsx");
    await writeFile(damaged, bytes.fill(0x55, bytes.length / 2, bytes.length / 2 + 64));
    expectOneLine(["budget", damaged], `${damaged} is damaged: its contents do not match their checksums. Use a good copy, or let Excel repair it and save it again.`);
  });

  it("a file this account may not read", async () => {
    const path = join(sandbox.dir, "secret.xlsx");
    await copyFile(SAMPLE, path);
    await chmod(path, 0o000);
    await chmod(sandbox.dir, 0o755);
    // Root reads anything: as root, the command runs as "nobody" for the real refusal.
    const asUser = IS_ROOT ? { uid: 65534, gid: 65534 } : {};
    expectOneLine(["budget", path], `${path} cannot be read: permission denied.`, asUser);
    expectOneLine(["budget", path], `${path} 无法读取：没有权限。`, { ...asUser, env: ZH });
  });
});
