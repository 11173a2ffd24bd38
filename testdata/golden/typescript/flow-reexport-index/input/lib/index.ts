// The package's public surface: consumers import from "../lib".
export * from "./settings";
