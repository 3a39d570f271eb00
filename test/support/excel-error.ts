/** Stand-ins for CustomFunctions.ErrorCode and CustomFunctions.Error, shared by the unit and bundle tests. */
export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export class ExcelError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
