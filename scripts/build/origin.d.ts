export declare const DEV_ORIGIN: "https://localhost:3000";
export declare function parseAddinOrigin(value: string): string;
export declare function withOrigin(text: string, origin: string): string;
