export interface ParameterMetadata {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}

export interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: ParameterMetadata[];
  result?: { type?: string; dimensionality?: string };
  options?: Record<string, unknown>;
}

export interface FunctionsMetadata {
  allowCustomDataForDataTypeAny?: boolean;
  allowErrorForDataTypeAny?: boolean;
  functions: FunctionMetadata[];
}

export interface FunctionTranslation {
  name: string;
  description: string;
  parameters?: Record<string, { name: string; description: string }>;
}

export interface FunctionTranslations {
  $comment?: string;
  functions: Record<string, FunctionTranslation>;
}

export declare function withErrorsForAny(metadata: FunctionsMetadata): FunctionsMetadata;
export declare function localizeMetadata(
  metadata: FunctionsMetadata,
  translations: FunctionTranslations,
  locale: string,
): FunctionsMetadata;
