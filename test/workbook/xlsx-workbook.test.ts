import { describeWorkbookContract } from "./contract";
import { makeXlsxHarness } from "./harness";

describeWorkbookContract("xlsx package", makeXlsxHarness);
